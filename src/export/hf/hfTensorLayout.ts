import type { HfModelConfig } from "./readHfConfig.js";

/** One weight a model of this config has: its Hugging Face name and shape, and its llama.cpp name. */
export interface HfTensorSpec {
  hfName: string;
  ggufName: string;
  /** PyTorch (row-major) shape: [out, in] for a linear weight. */
  shape: number[];
  /**
   * llama's q/k weights and biases: llama.cpp's rotary code pairs neighbouring rows where Hugging Face
   * pairs the two halves of each head, so rows are reordered within each of this many heads.
   */
  permuteHeads: number | undefined;
}

/**
 * Every tensor llama.cpp's qwen2 / llama graph reads, as a Hugging Face checkpoint of `config` stores it.
 * qwen2 always has q/k/v biases; llama has them only with `attention_bias`. With tied embeddings there
 * is no lm_head: llama.cpp reuses token_embd when output.weight is absent.
 */
export function hfTensorLayout(config: HfModelConfig): HfTensorSpec[] {
  const { hiddenSize: h, intermediateSize: ffn, vocabSize, headDim } = config;
  const qDim = config.heads * headDim;
  const kvDim = config.kvHeads * headDim;
  const llama = config.architecture === "llama";
  const t = (hfName: string, ggufName: string, shape: number[], permuteHeads?: number): HfTensorSpec => ({ hfName, ggufName, shape, permuteHeads });
  const specs: HfTensorSpec[] = [t("model.embed_tokens.weight", "token_embd.weight", [vocabSize, h]), t("model.norm.weight", "output_norm.weight", [h])];
  if (!config.tieEmbeddings) specs.push(t("lm_head.weight", "output.weight", [vocabSize, h]));
  for (let l = 0; l < config.layers; l++) {
    const hf = `model.layers.${l}.`;
    const gg = `blk.${l}.`;
    specs.push(
      t(`${hf}input_layernorm.weight`, `${gg}attn_norm.weight`, [h]),
      t(`${hf}self_attn.q_proj.weight`, `${gg}attn_q.weight`, [qDim, h], llama ? config.heads : undefined),
      t(`${hf}self_attn.k_proj.weight`, `${gg}attn_k.weight`, [kvDim, h], llama ? config.kvHeads : undefined),
      t(`${hf}self_attn.v_proj.weight`, `${gg}attn_v.weight`, [kvDim, h]),
    );
    if (config.attentionBias) {
      specs.push(
        t(`${hf}self_attn.q_proj.bias`, `${gg}attn_q.bias`, [qDim], llama ? config.heads : undefined),
        t(`${hf}self_attn.k_proj.bias`, `${gg}attn_k.bias`, [kvDim], llama ? config.kvHeads : undefined),
        t(`${hf}self_attn.v_proj.bias`, `${gg}attn_v.bias`, [kvDim]),
      );
    }
    specs.push(t(`${hf}self_attn.o_proj.weight`, `${gg}attn_output.weight`, [h, qDim]));
    if (llama && config.attentionBias) specs.push(t(`${hf}self_attn.o_proj.bias`, `${gg}attn_output.bias`, [h]));
    specs.push(
      t(`${hf}post_attention_layernorm.weight`, `${gg}ffn_norm.weight`, [h]),
      t(`${hf}mlp.gate_proj.weight`, `${gg}ffn_gate.weight`, [ffn, h]),
      t(`${hf}mlp.up_proj.weight`, `${gg}ffn_up.weight`, [ffn, h]),
      t(`${hf}mlp.down_proj.weight`, `${gg}ffn_down.weight`, [h, ffn]),
    );
  }
  return specs;
}

/** Tensors a checkpoint may carry that llama.cpp computes itself. */
export function isIgnoredHfTensor(name: string): boolean {
  return name.endsWith(".rotary_emb.inv_freq");
}
