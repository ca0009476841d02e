/**
 * The pinned upstream files behind `hammer datasets fetch`: BFCL v3 at gorilla's last v3 commit
 * and Hammer's eval sets at MadeAgents/Hammer HEAD, with their sizes and sha256 (computed from
 * the upstream blobs). Local paths mirror the upstream layouts under `bfcl_v3/` and
 * `hammer_eval/`. NexusRaven's blob could not be retrieved when the manifest was made, so it is
 * pinned by its git blob id only (sha1 of "blob <size>\0" + content, from the commit's tree).
 */
export const BFCL_COMMIT = "cd9429ccf3d4d04156affe883c495b3b047e6b64";
export const HAMMER_COMMIT = "ff415d9998180b5a68bbfdda3309ec04b472fb49";

export type DatasetGroup = "bfcl" | "hammer";

export const UPSTREAM_BASE_URLS: Readonly<Record<DatasetGroup, string>> = {
  bfcl: `https://raw.githubusercontent.com/ShishirPatil/gorilla/${BFCL_COMMIT}`,
  hammer: `https://raw.githubusercontent.com/MadeAgents/Hammer/${HAMMER_COMMIT}`,
};

export interface ManifestFile {
  /** Path inside the data dir (`/`-separated). */
  path: string;
  group: DatasetGroup;
  /** Path inside the upstream repository at the pinned commit. */
  upstreamPath: string;
  size?: number;
  sha256?: string;
  /** Git blob id, for files whose content hash is not known. */
  gitBlobSha1?: string;
}

const f = (path: string, upstreamPath: string, size: number, sha256: string): ManifestFile => ({ path, group: "bfcl", upstreamPath, size, sha256 });
const h = (path: string, upstreamPath: string, size: number, sha256: string): ManifestFile => ({ path, group: "hammer", upstreamPath, size, sha256 });

export const DATASET_MANIFEST: readonly ManifestFile[] = [
  f("bfcl_v3/BFCL_v3_irrelevance.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_irrelevance.json", 160120, "8237162db28f3cf2e3f7d0b0380333fdf829c2ff15234506b0f2205399c8c655"),
  f("bfcl_v3/BFCL_v3_java.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_java.json", 85919, "261d327d50c1bb505614dd5f75a29167d5bd9f938e5cefefef989c325cb67848"),
  f("bfcl_v3/BFCL_v3_javascript.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_javascript.json", 46713, "b69b6a99548f72e151be7abed4beb0ed70873d3370d5b78feed75b66f33795d3"),
  f("bfcl_v3/BFCL_v3_live_irrelevance.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_live_irrelevance.json", 2202715, "0d259e1c3ab6ba06c2a51911e2f49ecaa2eac3723a4a14f183a7687955e61338"),
  f("bfcl_v3/BFCL_v3_live_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_live_multiple.json", 3891343, "791d1faaf5ba5579196cd45a5fb37fa096d88848d6077f33cb6e2d22ebf58206"),
  f("bfcl_v3/BFCL_v3_live_parallel.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_live_parallel.json", 15649, "6c26e9fdc3350cf596e6d1ea9c179cbff834761bccf562f4141ed29a839ca421"),
  f("bfcl_v3/BFCL_v3_live_parallel_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_live_parallel_multiple.json", 82332, "21d4b9319c1faac431e22757b367ea28917fe467364c3a4b17f16ec06d4f6e79"),
  f("bfcl_v3/BFCL_v3_live_relevance.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_live_relevance.json", 54137, "9ce547600184f700de6995cbfaa310d50ccb79e69bc84a94f36a3b5e89bfafa9"),
  f("bfcl_v3/BFCL_v3_live_simple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_live_simple.json", 260127, "10e5cedb6dc73cd16bc430755643c658d6032a69363dfc41a22a84988eaa312a"),
  f("bfcl_v3/BFCL_v3_multi_turn_base.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_multi_turn_base.json", 392113, "fe5c442849bdb2c2cdedc91f377411ff7fc6cd11af299766f4554d71d3d40f98"),
  f("bfcl_v3/BFCL_v3_multi_turn_long_context.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_multi_turn_long_context.json", 393662, "17898c71fc5ceca4538e812602bc0338efafe665594380094bd4288f10394f51"),
  f("bfcl_v3/BFCL_v3_multi_turn_miss_func.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_multi_turn_miss_func.json", 402853, "4a3a862f3e897d121ad94aa2c3f29ea752b7f7ac4eac6a23c8d502d1143e3492"),
  f("bfcl_v3/BFCL_v3_multi_turn_miss_param.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_multi_turn_miss_param.json", 404354, "25509d5c441017c51de784e7670647dbec11a22fe0640990b0dafabf32e8c8d1"),
  f("bfcl_v3/BFCL_v3_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_multiple.json", 316583, "aef168155ebd74b7ac2401198b201343bc7d16d7a3d7e0d4e6d8ee82c6969b2a"),
  f("bfcl_v3/BFCL_v3_parallel.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_parallel.json", 172094, "fad375d68295776efb63e5aa331dd884f8635e7bb50e05908113c74f14281c3c"),
  f("bfcl_v3/BFCL_v3_parallel_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_parallel_multiple.json", 347080, "8863ea8433239f55c5f016154cf0830853c89f693c6ea270396a2fa121960579"),
  f("bfcl_v3/BFCL_v3_simple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/BFCL_v3_simple.json", 280474, "fbc37b2ad252bf9af985582e0e07b456173fe627d957491472ea9cef5fb83158"),
  f("bfcl_v3/LICENSE", "LICENSE", 11357, "c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4"),
  f("bfcl_v3/UPSTREAM_README.md", "berkeley-function-call-leaderboard/bfcl_eval/data/README.md", 16122, "6a92295814ec6a63e6c7deee7789b58d035c73a805bd2292239a912ae6bf94bd"),
  f("bfcl_v3/multi_turn_func_doc/gorilla_file_system.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/gorilla_file_system.json", 13951, "26c01bed25bf7affbc8d281cc8124ccdc220a64c374ac4a7a9181dea0a0468ee"),
  f("bfcl_v3/multi_turn_func_doc/math_api.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/math_api.json", 9158, "83fa31708c89442bdcf12ac4dfbe3be8663ec9183a1b1524a9fda98164bc7e0b"),
  f("bfcl_v3/multi_turn_func_doc/message_api.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/message_api.json", 6097, "2855068a0e77c4f1861fb2c1aa581590af85eb4b56994c6ebf79e30afb83be24"),
  f("bfcl_v3/multi_turn_func_doc/posting_api.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/posting_api.json", 10573, "87f9fc404a06e4107d7c366f1399c596440e84c16cb119faf374b2f532d86e8b"),
  f("bfcl_v3/multi_turn_func_doc/ticket_api.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/ticket_api.json", 6577, "1d78a0bbc15ca2dca3a2228be690b8b929783b2715175cd05b80ee2106581897"),
  f("bfcl_v3/multi_turn_func_doc/trading_bot.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/trading_bot.json", 14075, "c04b85e9ea0795a0fea1e1c3608795aa720edde52539b2e71897aa207976a25f"),
  f("bfcl_v3/multi_turn_func_doc/travel_booking.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/travel_booking.json", 15840, "364ca923e25d17b26cb419367f2fd38c9706b440483c14ec3c6b567e21c48ab2"),
  f("bfcl_v3/multi_turn_func_doc/vehicle_control.json", "berkeley-function-call-leaderboard/bfcl_eval/data/multi_turn_func_doc/vehicle_control.json", 17545, "a0366b59ad6eabb10410eadf95aa5991262ad0bbc3f560ebba45d7fc3e4f2808"),
  f("bfcl_v3/possible_answer/BFCL_v3_java.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_java.json", 15707, "692c16dac988f24f41e26591b7c7ad9596d0d7f05d3c94d15dbf7de3f48025e5"),
  f("bfcl_v3/possible_answer/BFCL_v3_javascript.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_javascript.json", 7529, "0f5620f298eae6173f5f94d3006d068a2cce4cd7c960c2170d21904ce7b63790"),
  f("bfcl_v3/possible_answer/BFCL_v3_live_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_live_multiple.json", 199668, "97e90d59c5bd76c55a2920ce93e5566e9046307d3f558578f085f9d3a56c3084"),
  f("bfcl_v3/possible_answer/BFCL_v3_live_parallel.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_live_parallel.json", 4974, "5e3d26c9103dd25912003d3c5f681f30efc6fd2b5f8ba474450f2df21fdf6fcb"),
  f("bfcl_v3/possible_answer/BFCL_v3_live_parallel_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_live_parallel_multiple.json", 7420, "f5b5f360556c5feb51db46fb9f56ee4b304f4b45b161599bbb14161c98a2873f"),
  f("bfcl_v3/possible_answer/BFCL_v3_live_simple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_live_simple.json", 46971, "4a1988780cdd8a723967587614cb84a9f53aa5d6fd37f83c78a0dd7acc2f3d15"),
  f("bfcl_v3/possible_answer/BFCL_v3_multi_turn_base.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_multi_turn_base.json", 79678, "6ea6bf48a2fc6067b57a289d314e7dc0582b12e22be53c8f7681599fba84a028"),
  f("bfcl_v3/possible_answer/BFCL_v3_multi_turn_long_context.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_multi_turn_long_context.json", 115222, "387fae6ec3146c1fd4cce8b901a69b1ec7a0844aa211f425f79049d35dd0b433"),
  f("bfcl_v3/possible_answer/BFCL_v3_multi_turn_miss_func.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_multi_turn_miss_func.json", 81334, "e47b7f29224e43b8991ef6f5e6e01a936a4dccad17d1484610e6a33f27998b34"),
  f("bfcl_v3/possible_answer/BFCL_v3_multi_turn_miss_param.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_multi_turn_miss_param.json", 81558, "585d97fd579965a14b63d09882a680bcfbd1826ccf3e3a5de6fa68363c98a704"),
  f("bfcl_v3/possible_answer/BFCL_v3_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_multiple.json", 32254, "244e00ce9395df948bcafc7bee64e8f9c87ef70887587d83cae45b13699f3047"),
  f("bfcl_v3/possible_answer/BFCL_v3_parallel.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_parallel.json", 65905, "3af54bf04e5b7640b03a9b6a82440f52474feb24b398f94435fd2b155c7727de"),
  f("bfcl_v3/possible_answer/BFCL_v3_parallel_multiple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_parallel_multiple.json", 74602, "5ebf24f458c1f16300c05505d83d6f0a1b68b79be273a033febd0d4f840507e3"),
  f("bfcl_v3/possible_answer/BFCL_v3_simple.json", "berkeley-function-call-leaderboard/bfcl_eval/data/possible_answer/BFCL_v3_simple.json", 60809, "2911a2bc00df82c4f999ffa64fedb0164cb88e96212ffa5972087eb91fd496ee"),
  h("hammer_eval/LICENSE", "LICENSE", 11357, "c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4"),
  h("hammer_eval/dataset_info.json", "data/dataset_info.json", 878, "b1a54fb5d5c9b5f431639d583fad9ca08366ec14ad465e9722df2719f7649616"),
  h("hammer_eval/example_eval.jsonl", "data/example_eval.jsonl", 1686, "0fd3b76392712ee42c0e8453bb064d80b564c0e571053211ca0712ca5bf9ade5"),
  h("hammer_eval/hammer/apibank_l1.json", "data/test/hammer/apibank_l1.json", 1165455, "ee10ccf587eb998efe10a36e466239eb17d23a59d73c4f826541b394e1630a8c"),
  h("hammer_eval/hammer/apibank_l2.json", "data/test/hammer/apibank_l2.json", 356289, "51ff214a0c0d19b5ccd49bd5faf7a9e995cac0a7d8bc1cc3905381805f48561a"),
  h("hammer_eval/hammer/sealtool.json", "data/test/hammer/sealtool.json", 1038721, "ddc3b2eaaa49f8244c31eb67a77abcb181a1bc27dbdd7ca8098b8c14925a1875"),
  h("hammer_eval/hammer/toolalpaca.json", "data/test/hammer/toolalpaca.json", 354555, "0ecf84e10ab9325d1e696676f46d424ce41f284e0665f7e9998af93d7435de51"),
  h("hammer_eval/hammer2.1/apibank_l1.json", "data/test/hammer2.1/apibank_l1.json", 1293692, "3fddb461b7cda5c7777f4ee3785733295394c53a13c9d4e760e9d8eedd12980a"),
  h("hammer_eval/hammer2.1/apibank_l2.json", "data/test/hammer2.1/apibank_l2.json", 390035, "8df60dd34fb541b1ce95b0a00a495fb020bc01a9433c78eb95b32636d5548728"),
  h("hammer_eval/hammer2.1/sealtool.json", "data/test/hammer2.1/sealtool.json", 1132985, "b1360fa0c250d67710e9ccff5f528118f11b15dd1767a00ea4a7831501251814"),
  h("hammer_eval/hammer2.1/toolalpaca.json", "data/test/hammer2.1/toolalpaca.json", 367719, "64f0d62bf48425cc55812a064d9bb06131d7efba2f6cd583fa33c9bf22cb07dd"),
  h("hammer_eval/original/apibank_l1.json", "data/test/original/apibank_l1.json", 1066591, "b6c129cd887da3e1965479bdbe56170adc0d315567c6a716a7c493de26887f19"),
  h("hammer_eval/original/apibank_l2.json", "data/test/original/apibank_l2.json", 288240, "7476f8a5a514c64498de6ae0f457b0b342ba3571d08a556447dafad8d0be6544"),
  h("hammer_eval/original/sealtool.json", "data/test/original/sealtool.json", 995513, "113238730efce7de0044547bc2d0aab5e877c4e1c2bafe711a3c2390075ebaef"),
  h("hammer_eval/original/toolalpaca.json", "data/test/original/toolalpaca.json", 281239, "d61e5ede4dd32aa977fade4396b43c7cc39279a98409b64df13ed50815989754"),
  h("hammer_eval/train/masking_sft_data_example.json", "data/train/masking_sft_data_example.json", 31213, "af92c76d6c5e2058b05579d24fc928d433bd3a296889c82e6cb1a65434ebd21a"),
  { path: "hammer_eval/original/NexusRaven.json", group: "hammer", upstreamPath: "data/test/original/NexusRaven.json", gitBlobSha1: "58f525bfc13880f28884fe5dc5e9fd67e61460ad" },
];

/** URL of a manifest file, from the pinned upstream or from another base (a test server, a proxy). */
export function manifestUrl(file: ManifestFile, bases: Partial<Record<DatasetGroup, string>> = {}): string {
  const base = (bases[file.group] ?? UPSTREAM_BASE_URLS[file.group]).replace(/\/+$/, "");
  return `${base}/${file.upstreamPath.split("/").map(encodeURIComponent).join("/")}`;
}
