// Shared by the CLI tests: the shipped hardware file as an object to edit into another (or a bad) one.
import { readJson, type JsonObject } from '../jsonValue.js';
import { eyerissFile } from './runCli.js';

/**
 * A hardware file as JSON, to edit by hand: the sections eyeriss.json has are objects, any key of them may be
 * set to any value (tests write bad ones on purpose) and any key may be deleted.
 */
export interface HardwareJson extends JsonObject {
  peArray: JsonObject;
  rf: JsonObject;
  glb: JsonObject;
  noc: JsonObject;
  dram: JsonObject;
  weightSharing: JsonObject;
  energy: JsonObject;
}

/** A fresh copy of hardware/eyeriss.json. */
export const eyerissJson = (): HardwareJson => readJson<HardwareJson>(eyerissFile);
