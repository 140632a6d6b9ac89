// What `dkm-sim compress` prints and writes beside compression.json: the per-layer table for the terminal and
// compression.csv (storage_* columns in 32-bit values, the paper's convention; onchip_* in the accelerator's words).
import { stringify } from 'csv-stringify/sync';
import type { CompressionSummary } from '../compress/compressNetwork.js';

export function compressionCsv(s: CompressionSummary): string {
  // storage_*: 32-bit values (the paper's convention); onchip_*: filters and codebook in words of totals.wordBits.
  const header = [
    'layer',
    'rows',
    'row_length',
    'k',
    'sparsity',
    'zero_rows',
    'distortion',
    'index_bits_fixed',
    'index_bits_entropy',
    'index_bits_huffman',
    'storage_original_bits',
    'storage_compressed_bits_fixed',
    'storage_compressed_bits_entropy',
    'storage_compressed_bits_huffman',
    `onchip_original_bits_${s.totals.wordBits}bit_words`,
    'onchip_compressed_bits',
  ];
  const rows = s.layers.map((l) => [
    l.name,
    l.rows,
    l.rowLength,
    l.k,
    l.sparsity,
    l.zeroRows,
    l.distortion,
    l.indexBitsPerRow.fixed,
    l.indexBitsPerRow.entropy,
    l.indexBitsPerRow.huffman,
    l.originalBits,
    l.compressedBits.fixed,
    l.compressedBits.entropy,
    l.compressedBits.huffman,
    l.onChip.originalBits,
    l.onChip.compressedBits,
  ]);
  const t = s.totals;
  rows.push([
    'TOTAL (all conv and FC layers)',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    t.originalBits,
    t.compressedBits.fixed,
    t.compressedBits.entropy,
    t.compressedBits.huffman,
    t.onChip.originalBits,
    t.onChip.compressedBits,
  ]);
  return stringify([header, ...rows], { record_delimiter: 'unix' });
}

export function compressionTable(s: CompressionSummary): string {
  const weights =
    s.weights.source === 'synthetic' ? `synthetic He-normal weights (seed ${s.weights.seed})` : `weights from ${s.weights.file}`;
  const lines = [`${s.model}: Deep k-Means sharing of the conv layers, ${weights}`];
  const w = s.totals.wordBits;
  lines.push(
    [
      'layer'.padEnd(28),
      'rows N'.padStart(8),
      'K'.padStart(7),
      'p'.padStart(5),
      'bits/index fixed entropy huffman'.padStart(34),
      `on-chip CR (${w}-bit)`.padStart(19),
    ].join(' '),
  );
  for (const l of s.layers) {
    const b = l.indexBitsPerRow;
    lines.push(
      [
        l.name.padEnd(28),
        String(l.rows).padStart(8),
        String(l.k).padStart(7),
        String(l.sparsity).padStart(5),
        `${b.fixed.toFixed(0).padStart(18)} ${b.entropy.toFixed(3).padStart(7)} ${b.huffman.toFixed(3).padStart(7)}`,
        (l.onChip.originalBits / l.onChip.compressedBits).toFixed(2).padStart(19),
      ].join(' '),
    );
  }
  const r = s.totals.ratio;
  lines.push(
    `storage compression ratio (32-bit weights, biases and codebook, the paper's convention): fixed-length ${r.fixed.toFixed(2)}, ` +
      `entropy-coded ${r.entropy.toFixed(2)}, Huffman ${r.huffman.toFixed(2)}`,
  );
  lines.push(
    `on-chip compression ratio (filters in ${w}-bit words over fixed-length indices and a ${w}-bit codebook, what the accelerator moves): ${r.onChip.toFixed(2)}`,
  );
  return lines.join('\n');
}
