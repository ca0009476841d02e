import { cloneJson, isFloatAt, markFloat, type JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyInt } from "../../../core/python/index.js";
import { pyMethod } from "./pyMethod.js";
import { copySlot, itemOf, noAttribute, PyDict, pyTruthy, strAt, strFor, strItem, typeAt } from "./pyValueOps.js";
import { expectDict, expectList, scenarioError } from "./scenarioShape.js";
import { PyException, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";

type Args = Record<string, JsonValue>;
type Dict = Record<string, JsonValue>;

/** The attributes a scenario may set, with their defaults (`posting_api.DEFAULT_STATE`). */
const DEFAULTS: Readonly<Dict> = {
  username: "john",
  password: "john123",
  authenticated: false,
  tweets: {},
  comments: {},
  retweets: {},
  following_list: ["alice", "bob"],
  tweet_counter: 0,
};

/**
 * BFCL v3's TwitterAPI (`posting_api.py`): tweets keyed by int id, comments, retweets, following.
 * Quirks kept: `comment` without login raises a dict (a TypeError in Python); a scenario's comment
 * keys stay strings, so `get_tweet_comments(1)` misses comments loaded under "1"; `mention` extends
 * the tweet's list in place, and a tweet posted without mentions holds the method's default list,
 * shared by every such tweet. (In Python that default is shared by all instances of a process;
 * here by the tweets of one instance, as in a fresh process.)
 */
export class TwitterAPI implements SimulatedApi {
  readonly className = "TwitterAPI";
  /** The scalar attributes and `following_list`, as JSON (float marks kept). */
  private attrs: Dict = cloneJson(DEFAULTS as Dict);
  private tweets = new PyDict<JsonValue>();
  private comments = new PyDict<JsonValue>();
  private retweets = new PyDict<JsonValue>();
  /** `post_tweet`'s mutable defaults `tags=[]`, `mentions=[]`. */
  private readonly defaultTags: JsonValue[] = [];
  private readonly defaultMentions: JsonValue[] = [];
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map<string, ApiMethod>([
    ["authenticate_twitter", pyMethod<TwitterAPI>(["username", "password"], (a, s) => s.authenticate(a))],
    ["posting_get_login_status", pyMethod<TwitterAPI>([], (_a, s) => ({ login_status: pyTruthy(s.attrs.authenticated) }))],
    ["post_tweet", pyMethod<TwitterAPI>(["content", ["tags", (s) => s.defaultTags], ["mentions", (s) => s.defaultMentions]], (a, s) => s.postTweet(a))],
    ["retweet", pyMethod<TwitterAPI>(["tweet_id"], (a, s) => s.retweet(a))],
    ["comment", pyMethod<TwitterAPI>(["tweet_id", "comment_content"], (a, s) => s.comment(a))],
    ["mention", pyMethod<TwitterAPI>(["tweet_id", "mentioned_usernames"], (a, s) => s.mention(a))],
    ["follow_user", pyMethod<TwitterAPI>(["username_to_follow"], (a, s) => s.follow(a))],
    ["list_all_following", pyMethod<TwitterAPI>([], (_a, s) => s.listFollowing())],
    ["unfollow_user", pyMethod<TwitterAPI>(["username_to_unfollow"], (a, s) => s.unfollow(a))],
    ["get_tweet", pyMethod<TwitterAPI>(["tweet_id"], (a, s) => s.tweetOrError(a) ?? s.tweets.get(a, "tweet_id")!)],
    ["get_user_tweets", pyMethod<TwitterAPI>(["username"], (a, s) => s.tweetsBy(a, "username"))],
    ["search_tweets", pyMethod<TwitterAPI>(["keyword"], (a, s) => s.search(a))],
    ["get_tweet_comments", pyMethod<TwitterAPI>(["tweet_id"], (a, s) => s.tweetOrError(a) ?? s.comments.get(a, "tweet_id") ?? [])],
    ["get_user_stats", pyMethod<TwitterAPI>(["username"], (a, s) => s.stats(a))],
  ]);
  readonly methods = TwitterAPI.METHODS;

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, _longContext: boolean): void {
    const attrs: Dict = {};
    for (const key of Object.keys(DEFAULTS)) {
      if (Object.prototype.hasOwnProperty.call(scenario, key)) copySlot(attrs, key, scenario, key);
      else attrs[key] = cloneJson(DEFAULTS[key] as JsonValue);
    }
    this.tweets = new PyDict();
    // Python converts the loaded tweet ids with int(); comments and retweets keep their str keys.
    for (const [id, tweet] of Object.entries(expectDict(attrs.tweets, this.className, "tweets"))) {
      const n = pyInt(id);
      if (n === undefined) throw scenarioError(this.className, `tweets.${id}`, "a tweet id int() cannot read");
      this.tweets.set([n], 0, expectDict(tweet, this.className, `tweets.${id}`));
    }
    this.comments = listsByKey(attrs.comments, "comments");
    this.retweets = listsByKey(attrs.retweets, "retweets");
    expectList(attrs.following_list, this.className, "following_list");
    delete attrs.tweets;
    delete attrs.comments;
    delete attrs.retweets;
    this.attrs = attrs;
  }

  /** Every attribute; dict keys written by PyDict's canonical key text (ints as digits, strings quoted). */
  publicState(): Record<string, JsonValue> {
    const out: Dict = {};
    for (const key of ["username", "password", "authenticated"]) copySlot(out, key, this.attrs, key);
    out.tweets = this.tweets.toState((v) => v);
    out.comments = this.comments.toState((v) => v);
    out.retweets = this.retweets.toState((v) => v);
    for (const key of ["following_list", "tweet_counter"]) copySlot(out, key, this.attrs, key);
    return out;
  }

  private get loggedIn(): boolean {
    return pyTruthy(this.attrs.authenticated);
  }

  /** The "Tweet with ID … not found." error when `a.tweet_id` names no tweet. */
  private tweetOrError(a: Args): ApiReturn | undefined {
    return this.tweets.has(a, "tweet_id") ? undefined : { error: `Tweet with ID ${strAt(a, "tweet_id")} not found.` };
  }

  private authenticate(a: Args): ApiReturn {
    if (!pyEquals(a.username, this.attrs.username) || !pyEquals(a.password, this.attrs.password)) return { authentication_status: false };
    this.attrs.authenticated = true;
    return { authentication_status: true };
  }

  private postTweet(a: Args): ApiReturn {
    if (!this.loggedIn) return { error: "User not authenticated. Please authenticate before posting." };
    const tweet: Dict = {};
    copySlot(tweet, "id", this.attrs, "tweet_counter");
    copySlot(tweet, "username", this.attrs, "username");
    for (const key of ["content", "tags", "mentions"]) copySlot(tweet, key, a, key);
    this.tweets.set(this.attrs, "tweet_counter", tweet);
    this.increment("tweet_counter");
    return tweet;
  }

  /** `self.<key> += 1`, a float staying a float. */
  private increment(key: string): void {
    const float = isFloatAt(this.attrs, key);
    this.attrs[key] = (this.attrs[key] as number) + 1;
    if (float) markFloat(this.attrs, key);
  }

  private retweet(a: Args): ApiReturn {
    if (!this.loggedIn) return { error: "User not authenticated. Please authenticate before retweeting." };
    const missing = this.tweetOrError(a);
    if (missing !== undefined) return missing;
    if (!this.retweets.has(this.attrs, "username")) this.retweets.set(this.attrs, "username", []);
    const mine = this.retweets.get(this.attrs, "username") as JsonValue[];
    if (mine.some((id) => pyEquals(id, a.tweet_id))) return { retweet_status: "Already retweeted" };
    copySlot(mine, mine.length, a, "tweet_id");
    return { retweet_status: "Successfully retweeted" };
  }

  private comment(a: Args): ApiReturn {
    // Python's `raise {"error": ...}`: raising a dict is itself a TypeError.
    if (!this.loggedIn) throw new PyException("exceptions must derive from BaseException");
    const missing = this.tweetOrError(a);
    if (missing !== undefined) return missing;
    if (!this.comments.has(a, "tweet_id")) this.comments.set(a, "tweet_id", []);
    const entry: Dict = {};
    copySlot(entry, "username", this.attrs, "username");
    copySlot(entry, "content", a, "comment_content");
    const list = this.comments.get(a, "tweet_id") as JsonValue[];
    list.push(entry);
    return { comment_status: "Comment added successfully" };
  }

  private mention(a: Args): ApiReturn {
    const missing = this.tweetOrError(a);
    if (missing !== undefined) return missing;
    const tweet = this.tweets.get(a, "tweet_id") as Dict;
    const mentions = itemOf(tweet, "mentions");
    if (!Array.isArray(mentions)) throw noAttribute(typeAt(tweet, "mentions"), "extend");
    extendList(mentions, a, "mentioned_usernames");
    return { mention_status: "Users mentioned successfully" };
  }

  private follow(a: Args): ApiReturn {
    if (!this.loggedIn) return { error: "User not authenticated. Please authenticate before following." };
    const following = this.attrs.following_list as JsonValue[];
    if (following.some((u) => pyEquals(u, a.username_to_follow))) return { follow_status: false };
    copySlot(following, following.length, a, "username_to_follow");
    return { follow_status: true };
  }

  private listFollowing(): ApiReturn {
    if (!this.loggedIn) return { error: "User not authenticated. Please authenticate before listing following." };
    return this.attrs.following_list as JsonValue[];
  }

  private unfollow(a: Args): ApiReturn {
    if (!this.loggedIn) return { error: "User not authenticated. Please authenticate before unfollowing." };
    const following = this.attrs.following_list as JsonValue[];
    const at = following.findIndex((u) => pyEquals(u, a.username_to_unfollow));
    if (at < 0) return { unfollow_status: false };
    following.splice(at, 1);
    return { unfollow_status: true };
  }

  /** The tweets whose `username` equals `a[key]`. */
  private tweetsBy(a: Args, key: string): Dict[] {
    return (this.tweets.values() as Dict[]).filter((t) => pyEquals(itemOf(t, "username"), a[key]));
  }

  private search(a: Args): ApiReturn {
    const matches: Dict[] = [];
    for (const tweet of this.tweets.values() as Dict[]) {
      // Python evaluates keyword.lower() per tweet, so a non-str keyword fails only when there is a tweet.
      const keyword = strFor(a, "keyword", "lower").toLowerCase();
      if (strItem(tweet, "content", "lower").toLowerCase().includes(keyword)) {
        matches.push(tweet);
        continue;
      }
      itemOf(tweet, "tags"); // tweet["tags"]: a KeyError comes before iterating
      const tags = iterate(tweet, "tags").map(([holder, at]) => strFor(holder, at, "lower").toLowerCase());
      if (tags.includes(keyword)) matches.push(tweet);
    }
    return matches;
  }

  private stats(a: Args): ApiReturn {
    const tweetCount = this.tweetsBy(a, "username").length;
    const followingCount = pyEquals(a.username, this.attrs.username) ? (this.attrs.following_list as JsonValue[]).length : 0;
    const retweeted = this.retweets.get(a, "username");
    return { tweet_count: tweetCount, following_count: followingCount, retweet_count: retweeted === undefined ? 0 : pyLen(retweeted) };
  }
}

/** A scenario's str-keyed dict of lists (`comments`, `retweets`) as a PyDict; its keys stay strings. */
function listsByKey(value: JsonValue | undefined, where: string): PyDict<JsonValue> {
  const out = new PyDict<JsonValue>();
  for (const [key, list] of Object.entries(expectDict(value, "TwitterAPI", where))) out.set([key], 0, expectList(list, "TwitterAPI", `${where}.${key}`));
  return out;
}

/**
 * The items `for x in holder[at]` yields, each as [container, key] so float marks stay readable:
 * a list's elements, a str's characters, a dict's keys; other types raise CPython's TypeError.
 */
function iterate(holder: object, at: string | number): Array<[object, string | number]> {
  const v = (holder as Record<string | number, JsonValue>)[at];
  if (Array.isArray(v)) return v.map((_, i) => [v, i]);
  if (typeof v === "string") {
    const chars = Array.from(v);
    return chars.map((_, i) => [chars, i]);
  }
  if (typeof v === "object" && v !== null) {
    const keys = Object.keys(v);
    return keys.map((_, i) => [keys, i]);
  }
  throw new PyException(`'${typeAt(holder, at)}' object is not iterable`);
}

/** `target.extend(holder[at])`. */
function extendList(target: JsonValue[], holder: object, at: string | number): void {
  for (const [from, key] of iterate(holder, at)) copySlot(target, target.length, from, key);
}

/** `len(v)` of a loaded value. */
function pyLen(v: JsonValue): number {
  if (typeof v === "string") return Array.from(v).length;
  if (Array.isArray(v)) return v.length;
  if (typeof v === "object" && v !== null) return Object.keys(v).length;
  throw new PyException(`object of type '${typeAt([v], 0)}' has no len()`);
}
