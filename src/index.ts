/** hammer-fc library entry point. Each stage exports its public API from its own index. */
export * from "./core/index.js";
