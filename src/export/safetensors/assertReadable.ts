import { HammerError } from "../../core/errors.js";
import type { SafetensorsTensorRef } from "./SafetensorsModel.js";
import { isReadableDtype, READABLE_DTYPES } from "./safetensorsDtypes.js";

/** Fail before writing anything when a tensor to export is stored in a dtype we do not convert. */
export function assertReadable(refs: Iterable<SafetensorsTensorRef>): void {
  for (const { file, info } of refs) {
    if (!isReadableDtype(info.dtype)) {
      throw new HammerError("MODEL_INVALID", `tensor "${info.name}" has dtype ${info.dtype}; only ${READABLE_DTYPES.join(", ")} weights can be exported`, {
        location: `${file.path}:${info.name}`,
      });
    }
  }
}
