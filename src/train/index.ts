// The training stage: `hammer train` drives the Python engine in trainer/ (LoRA, full, CGC-LoRA).
export { trainModel, resumeTraining, CONFIG_FILE, type TrainRunOptions, type TrainResult } from "./trainModel.js";
export { mergeRun, exportTasks, runTrainerCommand, type TrainerCommandOptions } from "./runTrainerCommand.js";
export { setupVenv, type SetupOptions, type SetupResult } from "./setupVenv.js";
export { trainerEnv, type TrainerEnvironment } from "./trainerEnv.js";
export { defaultVenvRoot, venvKey, venvLocation, trainerPython, readPins, VENV_MARKER, type VenvLocation } from "./trainerVenv.js";
export { trainerRoot } from "./trainerRoot.js";
export { trainerChildEnv } from "./trainerChildEnv.js";
export { buildRunConfig, checkModelPath, type RunConfig } from "./buildRunConfig.js";
export { checkTrainData, type TrainDataSummary } from "./checkTrainData.js";
export { checkTrainRecord, type TrainRecordLayout } from "./checkTrainRecord.js";
export { deepspeedConfig } from "./deepspeedConfig.js";
export { launchCommand, type LaunchCommand } from "./launchCommand.js";
export { MetricsFile } from "./MetricsFile.js";
export { parseTrainerEvent, type TrainerEvent, type StepEvent, type StartEvent, type DataEvent, type ErrorEvent } from "./trainerEvents.js";
export {
  HAMMER_RECIPE,
  DEFAULT_SPECIAL_TOKENS,
  TRAIN_METHODS,
  SAMPLERS,
  PRECISIONS,
  DEVICES,
  SCHEDULERS,
  type TrainMethod,
  type TrainOptions,
} from "./trainOptions.js";
