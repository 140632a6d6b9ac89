// How sweep plots and report.html spell parameters and quantities: byte sizes in KiB/MiB, array shapes ordered
// by PE count, energies in the unit where the smallest value is at least 1, latency in ms (µs below 1 ms).
import { describe, expect, it } from 'vitest';
import { energyScale, objectiveScale, objectiveTitle, scaledText, spansDecade } from '../../src/report/objectiveScale.js';
import { bytesText, paramSortKey, paramText, paramValueText, paramsText } from '../../src/report/paramText.js';

describe('parameter text', () => {
  it('spells sizes, shapes, rates and the common fields briefly, any other field by its path', () => {
    expect([bytesText(1000), bytesText(110592), bytesText(2 * 1024 ** 2), bytesText(1536 * 1024 + 1)]).toEqual([
      '1000 B',
      '108 KiB',
      '2 MiB',
      '1.5 MiB',
    ]);
    expect(
      paramsText({ 'glb.capacityBytes': 65536, peArray: '16x16', 'compress.clusterRate': 0.05 }, [
        'glb.capacityBytes',
        'peArray',
        'compress.clusterRate',
      ]),
    ).toBe('GLB 64 KiB, 16x16, rate 0.05');
    expect(paramText('rf.filterWords', 128)).toBe('filter spad 128 words');
    expect(paramText('noc.wordsPerCycle.ifmap', 4)).toBe('ifmap NoC 4 words/cycle');
    expect(paramText('weightSharing.glbCodebookBytes', 2048)).toBe('weightSharing.glbCodebookBytes 2 KiB');
    expect(paramText('energy.dram.read', 200)).toBe('energy.dram.read 200');
    expect(paramValueText('glb.capacityBytes', 110592)).toBe('108 KiB');
    expect(paramValueText('peArray', '12x14')).toBe('12x14');
  });

  it('orders array shapes by their PE count', () => {
    expect(['16x16', '8x8', '12x14'].sort((a, b) => Number(paramSortKey(a)) - Number(paramSortKey(b)))).toEqual(['8x8', '12x14', '16x16']);
  });
});

describe('quantity scales', () => {
  it('shows pJ in the largest joule unit that keeps the smallest value at least 1', () => {
    expect(energyScale('pJ', [3.4e10, 4.2e10])).toEqual({ unit: 'mJ', factor: 1e9 });
    expect(energyScale('pJ', [5e8, 4e10])).toEqual({ unit: '\u00B5J', factor: 1e6 });
    expect(energyScale('pJ', [0.5])).toEqual({ unit: 'pJ', factor: 1 });
    expect(energyScale('MAC', [3.4e10])).toEqual({ unit: 'MAC-normalized units', factor: 1 });
    expect(objectiveScale('edp', 'pJ', [2e12])).toEqual({ unit: 'J x ms', factor: 1e12 });
  });

  it('keeps latency in ms unless it is below 1 ms, and names per-batch quantities', () => {
    expect(objectiveScale('latency', 'MAC', [0.2, 3])).toEqual({ unit: '\u00B5s', factor: 1e-3 });
    expect(objectiveTitle('latency', 1, objectiveScale('latency', 'MAC', [200]))).toBe('latency (ms)');
    expect(objectiveTitle('energy', 8, energyScale('pJ', [3e10]))).toBe('energy per batch of 8 (mJ)');
    expect(scaledText(34.49e9, { unit: 'mJ', factor: 1e9 })).toBe('34.49');
  });

  it('asks for a log axis past one decade', () => {
    expect([spansDecade([1, 10]), spansDecade([1, 10.5]), spansDecade([0, 100]), spansDecade([])]).toEqual([false, true, false, false]);
  });
});
