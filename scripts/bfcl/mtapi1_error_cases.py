"""Hand-written error-path cases for make_mtapi1_cases.py: bad paths, wrong types, missing items, positional
arguments, None for defaulted parameters, and the aliasing quirks (cp shares children, mv keeps old parents)."""


def _file(content):
    return {"type": "file", "content": content}


def _dir(**contents):
    return {"type": "directory", "contents": contents}


FS = {"GorillaFileSystem": {"root": {"alex": _dir(
    workspace=_dir(**{
        "log.txt": _file("line b\nline a\r\nline c\u2028zeta \u00e9t\u00e9\n"),
        "notes": _dir(**{"todo.md": _file("buy milk\nfix bug"), "deep": _dir(**{"x.txt": _file("x")})}),
        "archive": _dir(**{"old.txt": _file("old")}),
        "empty": _dir(),
        ".hidden": _file("secret"),
        "blank.txt": _file(""),
    }),
    **{"readme.md": _file("hello world\n\n  spaced   words\there\n")},
)}}}

FS_BIG = {"GorillaFileSystem": {"root": {"r": _dir(**{"big.txt": _file("a" * 1152)})}}}
FS_BIG2 = {"GorillaFileSystem": {"root": {"r": _dir(**{"big.txt": _file("b" * 1160), "huge.txt": _file("c" * 3 * 1048576)})}}}

GORILLA = [
    {"initial_config": FS, "steps": [
        ["ls()", "ls(a=True)", "ls(True)", "ls(a=1)", "ls(a='false')", "ls(a=None)", "ls(a=[])", "pwd()"],
        ["cd('workspace')", "pwd()", "ls(a=True)", "cd('..')", "cd('..')", "cd(folder='..')", "pwd()"],
        ["cd('/')", "cd('workspace/notes')", "pwd()", "cd('/workspace')", "cd('/alex')", "cd('nope')", "cd(5)"],
        ["cd(None)", "cd('.')", "cd(['a'])", "cd('workspace')", "cd('log.txt')", "cd('notes/./deep')", "pwd()",
         "cd('/')", "pwd()", "cd('')", "cd('//')", "cd(1.5)", "cd(True)", "cd({'a': 1})"],
    ]},
    {"initial_config": FS, "steps": [
        ["cd(folder='workspace')", "mkdir('a/b')", "mkdir(5)", "mkdir(['x'])", "mkdir(['|'])", "mkdir({'k': 1})",
         "mkdir(None)", "mkdir('new')", "mkdir('new')", "mkdir('')", "mkdir(True)", "mkdir(1.5)", "ls()"],
        ["touch('f.txt')", "touch('f.txt')", "touch('bad*name')", "touch(3)", "touch(['a'])", "touch('notes')",
         "touch(file_name='.dot')", "touch('123')", "ls()", "ls(a=True)", "cat('123')"],
        ["echo('hello')", "echo(content='x', file_name=None)", "echo('c', 'f.txt')", "cat('f.txt')",
         "echo(5, 'num.txt')", "cat('num.txt')", "wc('num.txt')", "wc('num.txt', 'c')", "sort('num.txt')",
         "echo([1, 2.0], 'list.txt')", "cat('list.txt')", "wc('list.txt', 'c')", "echo(2.0, 'float.txt')",
         "cat('float.txt')", "echo('x', '')", "echo('x', [])", "echo('x', ['a'])", "echo('x', 5)",
         "echo('x', 'notes')", "echo(content='q', file_name='a|b')", "echo({'a': 1.5}, None)", "echo(None, 'n.txt')",
         "cat('n.txt')", "du()", "echo('u\u00e9\U0001F600', 'uni.txt')", "cat('uni.txt')", "wc('uni.txt', 'c')"],
        ["cat('nope')", "cat('notes')", "cat(5)", "cat(None)", "cat('.')", "cat(['x'])", "cat('bad:')",
         "cat(file_name='.hidden')"],
    ]},
    {"initial_config": FS, "steps": [
        ["find()", "cd('workspace')", "find()", "find('.', 'log')", "find(path='/x/', name='t')", "find(name='')",
         "find('notes', 'x')", "find(path='///')"],
        ["find(name=5)"], ["find(path=5)"], ["find(path=None)"], ["find(name=None)"],
        ["wc('log.txt')", "wc('log.txt', 'w')", "wc('log.txt', 'c')", "wc('log.txt', 'x')", "wc('log.txt', 5)",
         "wc('nope')", "wc(['x'])", "wc('notes')", "wc('log.txt', None)", "wc('blank.txt')", "wc(mode='w', file_name='log.txt')"],
        ["sort('log.txt')", "sort('nope')", "sort(5)", "sort('notes')", "sort(['a'])", "sort('blank.txt')"],
        ["grep('log.txt', 'line')", "grep('log.txt', 5)", "grep('nope', 'x')", "grep('log.txt', '')",
         "grep('blank.txt', 5)", "grep(pattern='a', file_name='log.txt')", "grep('notes', 'a')", "grep(None, 'a')"],
        ["du()", "du(True)", "du(human_readable=1)", "du('yes')", "du(None)", "cd('..')", "du(human_readable=True)"],
    ]},
    {"initial_config": FS, "steps": [
        ["cd('workspace')", "tail('log.txt')", "tail('log.txt', 1)", "tail('log.txt', 0)", "tail('log.txt', -1)",
         "tail('log.txt', 1.0)", "tail('log.txt', 100.5)", "tail('log.txt', '2')", "tail('log.txt', None)",
         "tail('log.txt', True)", "tail('nope')", "tail('log.txt', -100)", "tail('blank.txt')", "tail('notes')",
         "tail(file_name='log.txt', lines=2)", "tail('log.txt', [1])", "tail(['x'])"],
        ["diff('log.txt', 'blank.txt')", "diff('log.txt', 'nope')", "diff('nope', ['x'])", "diff('log.txt', ['x'])",
         "diff('notes', 'log.txt')", "diff(file_name1='log.txt', file_name2='log.txt')"],
        ["echo('line b\\nline X\\nline c\\nextra', 'other.txt')", "diff('log.txt', 'other.txt')",
         "echo(7, 'seven.txt')", "diff('seven.txt', 'log.txt')", "diff('log.txt', 'seven.txt')"],
    ]},
    {"initial_config": FS, "steps": [
        ["cd('workspace')", "mv('nope', 'x')", "mv('log.txt', 'a/b')", "touch('f.txt')", "mv('f.txt', 'notes')",
         "touch('f.txt')", "mv('f.txt', 'notes')", "mv('log.txt', 'log2.txt')", "mv('log2.txt', 'blank.txt')"],
        ["mv('notes', 'archive')", "cd('archive')", "cd('notes')", "pwd()", "cd('deep')", "pwd()", "cd('..')",
         "pwd()", "cd('..')", "pwd()", "ls()"],
        ["cd('/')", "cd('workspace')", "mv(5, 'x')", "mv('x', 5)", "mv(['a'], 'x')", "mv('log2.txt', ['a'])",
         "mv('log2.txt', {'k': 1})", "mv('log2.txt', None)", "mv('log2.txt', 'log2.txt')", "mv('empty', 'renamed')",
         "ls()", "mv(source='.hidden', destination='visible')", "ls(a=True)"],
        ["mv('archive', 'archive')", "ls()"],
    ]},
    {"initial_config": FS, "steps": [
        ["cd('workspace')", "cp('log.txt', 'copy.txt')", "cp('copy.txt', 'archive')", "cp('copy.txt', 'archive')",
         "cp('nope', 'x')", "cp('log.txt', 'a/b')", "cp('log.txt', 'log.txt')", "cp('log.txt', 'blank.txt')"],
        ["cp('notes', 'notes2')", "cd('notes2')", "echo('changed', 'todo.md')", "touch('only_in_copy.txt')",
         "cd('..')", "cd('notes')", "cat('todo.md')", "ls()", "cd('..')", "cp('notes', 'archive')", "cd('archive')",
         "cd('notes')", "cd('deep')", "pwd()", "cd('..')", "cd('..')", "pwd()", "cd('..')", "cp('notes', 'archive')",
         "cp('copy.txt', 'archive')"],
        ["cd('/')", "cd('workspace')", "cp(5, 'x')", "cp('log.txt', 5)", "cp(['x'], 'y')", "cp('log.txt', ['y'])",
         "cp('log.txt', None)", "cp(source='empty', destination='empty2')", "ls()"],
        ["cp('archive', 'archive')", "ls()"],
    ]},
    {"initial_config": FS, "steps": [
        ["cd('workspace')", "rm('log.txt')", "rm('nope')", "rm(5)", "rm(['a'])", "rm('notes')", "rm(None)", "ls()"],
        ["rmdir('archive')", "rmdir('empty')", "rmdir('blank.txt')", "rmdir('nope')", "rmdir(None)", "rmdir(['x'])",
         "ls(a=True)", "rm('.')", "ls()"],
    ]},
    {"initial_config": FS, "steps": [
        ["cd('workspace')", "touch('.')", "ls(a=True)", "cat('.')", "echo('x', '.')", "wc('.')", "rm('.')", "ls(a=True)"],
    ]},
    {"initial_config": FS_BIG, "steps": [["du()", "du(human_readable=True)"]]},
    {"initial_config": FS_BIG, "steps": [
        ["echo('\\uffff\\n\\U0001F600\\nb\\nB\\n\\u00e9\\n', 'u.txt')", "sort('u.txt')", "wc('u.txt', 'c')", "du()",
         "echo('l1\\x0bl2\\x0cl3\\x1cl4\\x1dl5\\x1el6\\x85l7\\rl8\\r\\n\\nl9', 'breaks.txt')", "wc('breaks.txt')",
         "tail('breaks.txt', 3)", "grep('breaks.txt', 'l')", "echo('a\\xa0b\\u3000c\\x1fd e\\u200bf', 'ws.txt')",
         "wc('ws.txt', 'w')", "wc('ws.txt', 'c')", "du(True)"],
    ]},
    {"initial_config": FS_BIG, "steps": [["echo('ab\\ud800x', 'lone.txt')", "du()", "wc('lone.txt', 'c')", "rm('lone.txt')",
                                           "echo('\\udc00\\udc01', 'two.txt')", "du()"]]},
    {"initial_config": FS_BIG2, "steps": [["du()", "du(human_readable=True)", "rm('huge.txt')", "du(True)"]]},
    {"initial_config": {"GorillaFileSystem": {}}, "steps": [["pwd()", "ls()", "mkdir('a')", "cd('a')", "pwd()",
                                                            "cd('..')", "cd('..')", "du(True)", "find()"]]},
    {"initial_config": {}, "steps": [["pwd()", "touch('x')", "ls()"]]},
    {"initial_config": FS, "long_context": True, "steps": [
        ["ls()", "cd('workspace')", "ls()", "cat('log.txt')", "cd('notes')", "ls()", "cd('deep')", "ls()",
         "cat('x.txt')", "wc('x.txt', 'w')", "du(human_readable=True)", "cd('/')", "find(name='image_1')"],
    ]},
    {"initial_config": FS, "steps": []},
    {"initial_config": {"GorillaFileSystem": {"root": {"r": _dir(a=_dir(f=_file("hi")))}}}, "steps": [
        ["cp('a', 'a')", "ls()", "cd('a')", "ls()", "cd('a')", "pwd()", "cd('a/a/a')", "pwd()", "cd('..')", "pwd()",
         "cd('/')", "find()", "du()", "find(name='zzz')", "du(True)", "cd('a')", "mv('a', 'b')", "ls()"],
    ]},
    {"initial_config": {"GorillaFileSystem": {"root": {"r": _dir(a=_dir(f=_file("hi")))}}}, "steps": [
        ["mv('a', 'a')", "ls()", "cd('a')", "find()", "du()"],
    ]},
]


def _tweet(n, user, content, tags, mentions):
    return {"id": n, "username": user, "content": content, "tags": tags, "mentions": mentions}


TW = {"TwitterAPI": {
    "username": "john", "password": "pw1", "authenticated": False,
    "tweets": {"0": _tweet(0, "john", "Hello World", ["#Greet"], []),
               "1": _tweet(1, "alice", "Budget 2.0 ready", ["#budget", "#Finance"], ["@bob"])},
    "comments": {"1": [{"username": "bob", "content": "nice"}]},
    "retweets": {"alice": [0]},
    "following_list": ["alice", "bob"], "tweet_counter": 2}}


def _tw_tweets(tweets):
    return {"TwitterAPI": {"authenticated": True, "tweets": tweets, "tweet_counter": len(tweets)}}


TWITTER = [
    {"initial_config": TW, "steps": [
        ["post_tweet('x')", "comment(0, 'c')", "retweet(0)", "follow_user('z')", "list_all_following()",
         "unfollow_user('alice')", "posting_get_login_status()", "mention(1, ['@m'])", "get_tweet(1)",
         "authenticate_twitter('john', 'wrong')", "authenticate_twitter(username='john', password='pw1')",
         "posting_get_login_status()"],
        ["post_tweet('hello')", "post_tweet('t', ['#a'], ['@b'])", "post_tweet(content=5)",
         "post_tweet('c', tags=None, mentions=None)", "post_tweet(content='with float', tags=[1.0])",
         "mention(2, ['@x'])", "post_tweet('after default')", "get_tweet(2)", "get_tweet(7)", "get_user_tweets('john')"],
        ["mention(0, 'abc')", "mention(99, ['a'])", "mention(0, 5)", "mention(5, ['z'])", "mention(0, {'k': 1})",
         "mention(0, None)", "get_tweet(0)", "mention(3, ['@q', 2.0])", "get_tweet(3)", "get_tweet('0')",
         "get_tweet(None)", "get_tweet([1])", "get_tweet(1.0)", "get_user_tweets(5)"],
        ["retweet(0)", "retweet(0)", "retweet('0')", "retweet(1.0)", "retweet(True)", "retweet([0])", "retweet(None)",
         "get_user_stats('john')", "get_user_stats('alice')", "get_user_stats(['x'])", "get_user_stats(5)"],
        ["comment(0, 'hi')", "comment(0, 'again')", "comment(0.0, 'f')", "comment('0', 'x')", "comment([0], 'x')",
         "comment(4, 2.5)", "get_tweet_comments(0)", "get_tweet_comments(1)", "get_tweet_comments(9)",
         "get_tweet_comments(0.0)", "get_tweet_comments(4)"],
        ["follow_user('carol')", "follow_user('carol')", "follow_user(5)", "list_all_following()",
         "unfollow_user('alice')", "unfollow_user('zed')", "unfollow_user(['x'])", "unfollow_user(5.0)",
         "list_all_following()", "authenticate_twitter('john', 'pw1')"],
    ]},
    {"initial_config": _tw_tweets({"0": _tweet(0, "john", "Hello World", ["#Greet"], []),
                                   "1": _tweet(1, "amy", "Budget", "#Str", [])}), "steps": [
        ["search_tweets('hello')", "search_tweets('#greet')", "search_tweets('s')", "search_tweets('HELLO')",
         "search_tweets('')", "search_tweets('nothing')", "search_tweets(5)", "search_tweets(keyword=None)"],
    ]},
    {"initial_config": _tw_tweets({"0": _tweet(0, "x", "abc", [5], [])}),
     "steps": [["search_tweets('abc')", "search_tweets('x')"]]},
    {"initial_config": _tw_tweets({"0": _tweet(0, "x", "abc", None, [])}),
     "steps": [["search_tweets('abc')", "search_tweets('x')"]]},
    {"initial_config": _tw_tweets({"0": _tweet(0, "x", 7, [], [])}), "steps": [["search_tweets('abc')"]]},
    {"initial_config": _tw_tweets({"0": {"id": 0, "username": "x"}}),
     "steps": [["search_tweets('abc')", "get_user_tweets('x')", "mention(0, ['a'])", "get_tweet(0)"]]},
    {"initial_config": _tw_tweets({"0": {"id": 0, "content": "c"}}),
     "steps": [["get_user_tweets('x')"], ["get_user_stats('x')"]]},
    {"initial_config": {"TwitterAPI": {}}, "steps": [
        ["authenticate_twitter('john', 'john123')", "post_tweet('first')", "get_user_stats('john')",
         "list_all_following()", "retweet(0)", "get_user_stats('john')"],
    ]},
    {"initial_config": {"TwitterAPI": {"authenticated": True, "tweet_counter": 1,
                                       "tweets": {"0": _tweet(0, "a", "zero", [], []), "1": _tweet(1, "a", "one", [], []),
                                                  "2": _tweet(2, "a", "two", [], [])}}},
     "steps": [["post_tweet('replaces one')", "get_user_tweets('a')", "get_user_tweets('john')"]]},
    {"initial_config": {}, "steps": [["posting_get_login_status()", "get_user_stats('john')"]]},
    {"initial_config": _tw_tweets({"0": _tweet(0, "x", "\u00c9T\u00c9 \u0130stanbul \u03a3\u039f\u03a3", ["#\u00dcber"], [])}),
     "steps": [["comment(0.0, 'float key first')", "comment(0, 'int joins it')", "get_tweet_comments(0)",
                "retweet(0.0)", "get_user_stats('john')", "search_tweets('\u00e9t\u00e9')", "search_tweets('\u03c3\u03bf\u03c2')",
                "search_tweets('#\u00fcber')", "search_tweets('i\u0307stanbul')", "mention(0.0, ('@a', '@b'))",
                "get_tweet(0)"]]},
]


def _ticket(n, title, status="Open", priority=3, **more):
    return {"id": n, "title": title, "description": f"about {title}", "status": status, "priority": priority, **more}


TK = {"TicketAPI": {"ticket_queue": [_ticket(1, "one", created_by="alice"), _ticket(2, "two", "Closed", 5, created_by="bob"),
                                     _ticket(3, "three", "open", 1, created_by="alice")],
                    "ticket_counter": 4, "current_user": None}}

TICKET = [
    {"initial_config": TK, "steps": [
        ["create_ticket('t')", "ticket_get_login_status()", "logout()", "get_user_tickets()", "ticket_login('', 'x')",
         "ticket_login('u', None)", "ticket_login(username='u', password='')", "ticket_get_login_status()",
         "get_ticket(1)", "close_ticket(99)"],
        ["ticket_login(5, 'p')", "ticket_get_login_status()", "get_user_tickets()", "create_ticket('by five')",
         "logout()", "logout()", "ticket_login('alice', 'pw')"],
        ["create_ticket('a')", "create_ticket('b', 'd', 5)", "create_ticket('c', priority=0)", "create_ticket('c', priority=6)",
         "create_ticket('c', priority=2.0)", "create_ticket('c', priority='3')", "create_ticket('c', priority=None)",
         "create_ticket(title=5)", "create_ticket('c', priority=True)", "create_ticket('c', description=None, priority=4.5)",
         "create_ticket('c', priority=[1])"],
        ["get_ticket(1)", "get_ticket(99)", "get_ticket('1')", "get_ticket(1.0)", "get_ticket(None)", "get_ticket([1])",
         "get_ticket(ticket_id=6)"],
        ["close_ticket(1)", "close_ticket(1)", "resolve_ticket(3, 'fixed')", "resolve_ticket(3, 'again')",
         "resolve_ticket(1, 2.0)", "close_ticket(99)", "resolve_ticket(99, 'x')", "close_ticket(3.0)", "get_ticket(3)"],
        ["edit_ticket(1, {'title': 'new', 'priority': None})", "edit_ticket(1, {'bogus': 1})", "edit_ticket(1, ['x'])",
         "edit_ticket(1, None)", "edit_ticket(99, {})", "edit_ticket(1, {})", "edit_ticket(1, 'title')",
         "edit_ticket(2, {'status': 'Open', 'description': 'changed', 'priority': 2.0})", "get_ticket(2)", "get_ticket(1)"],
        ["get_user_tickets()", "get_user_tickets('open')", "get_user_tickets(status='Closed')", "get_user_tickets('')",
         "get_user_tickets(5)", "get_user_tickets(None)", "get_user_tickets(['x'])", "get_user_tickets('RESOLVED')"],
        ["logout()", "get_user_tickets('open')", "create_ticket('late')"],
    ]},
    {"initial_config": {"TicketAPI": {"ticket_queue": [_ticket(1, "no owner"), _ticket(2, "owned", created_by="amy")],
                                      "current_user": "amy"}}, "steps": [
        ["get_user_tickets()", "get_ticket(1)", "create_ticket('x')", "close_ticket(2)"],
    ]},
    {"initial_config": {"TicketAPI": {"ticket_queue": [{"id": 1, "title": "bare", "created_by": "amy"}, {"title": "no id"}],
                                      "current_user": "amy", "ticket_counter": 2.0}}, "steps": [
        ["close_ticket(1)", "resolve_ticket(1, 'r')", "get_user_tickets('open')", "get_ticket(1)", "get_ticket(2)",
         "create_ticket('float counter')", "get_user_tickets()"],
    ]},
    {"initial_config": {"TicketAPI": {}}, "steps": [
        ["ticket_login('me', 'pw')", "create_ticket('first')", "get_user_tickets()", "edit_ticket(1, {'status': 'Closed'})",
         "get_user_tickets('closed')"],
    ]},
    {"initial_config": {}, "steps": [["get_user_tickets()", "ticket_get_login_status()"]]},
]

ERROR_CASES = {"GorillaFileSystem": GORILLA, "TwitterAPI": TWITTER, "TicketAPI": TICKET}
