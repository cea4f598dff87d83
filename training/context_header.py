"""C# declaration stubs for the context header (docs/context-header.md), from plain source text.

The server builds the header from Roslyn's semantic model; training has only the files of a
project, so this is a regex + brace-counting extractor (hand-written: no C# parser runs in
Debian's Python, and the header only needs declarations, not a full syntax tree). It masks
comments and string literals first so braces inside them do not count.

extract(text) -> [TypeBlock]: one block per type declaration of the file (nested types too), each
with its type line, its members as stub lines, and character positions (so a training window can
leave out what it already shows). render(...) writes the blocks in the shared shape; select(...)
picks and orders blocks for one window within a token budget.
"""
import re
from dataclasses import dataclass, field

# Comments, verbatim/interpolated/regular strings, char literals. Raw strings ("""...""") are
# rare in this corpus and fall through as three empty strings, which keeps braces balanced enough.
_MASK = re.compile(r'//[^\n]*|/\*.*?\*/|(?:\$@|@\$|@)"(?:[^"]|"")*"|\$?"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'',
                   re.S)
_TYPE = re.compile(r'(?<![\w.])(record\s+struct|record\s+class|class|struct|interface|record|enum)\s+(@?[A-Za-z_]\w*)')
# What may stand right before a type keyword in a declaration (modifiers, attributes, a statement end).
_DECL_BEFORE = re.compile(r'(?:^|[;{}\]]|\b(?:public|private|protected|internal|static|sealed|abstract|partial|'
                          r'unsafe|new|readonly|ref|file))\s*$')
_MODIFIERS = {"public", "private", "protected", "internal", "static", "const", "readonly", "abstract", "virtual",
              "override", "sealed", "async", "extern", "unsafe", "new", "partial", "volatile", "required", "file",
              "fixed"}
_KEPT = ("static", "const", "abstract", "override", "async")
_ACCESS = {"public", "protected", "internal"}
MAX_ENUM_MEMBERS = 12


@dataclass
class Member:
    text: str       # the stub line without indentation, e.g. "decimal Total(int quantity);"
    private: bool
    pos: int        # character position of the declaration in its file


@dataclass
class TypeBlock:
    kind: str
    name: str
    line: str       # "class Item : IComparable<Item>" or, for an enum, the whole one-line block
    members: list = field(default_factory=list)
    pos: int = 0    # character position of the type keyword
    end: int = 0    # one past the closing brace

    @property
    def is_enum(self):
        """One-line block: an enum, or a record without a body."""
        return self.kind == "enum" or self.line.endswith(';')


def mask(text):
    """Same length as text, with comments and literals blanked (newlines kept)."""
    return _MASK.sub(lambda m: re.sub(r'[^\n]', ' ', m.group()), text)


def mask_comments(text):
    """Same length as text, with only the comments blanked (heads keep their default values)."""
    return _MASK.sub(lambda m: re.sub(r'[^\n]', ' ', m.group()) if m.group()[:2] in ('//', '/*') else m.group(), text)


def _matching(m):
    """{open: close} for every brace pair of masked text (unbalanced braces are left out)."""
    pairs, stack = {}, []
    for i, c in enumerate(m):
        if c == '{':
            stack.append(i)
        elif c == '}' and stack:
            pairs[stack.pop()] = i
    return pairs


def _squash(s):
    return re.sub(r'\s+', ' ', s).strip()


def _strip_attributes(s):
    s = s.strip()
    while s.startswith('['):
        depth = 0
        for i, c in enumerate(s):
            depth += (c == '[') - (c == ']')
            if depth == 0:
                s = s[i + 1:].strip()
                break
        else:
            return ''
    return s


def _split_modifiers(head):
    """('public static int Foo(int a)') -> ({'public', 'static'}, 'int Foo(int a)')"""
    words, rest = set(), head
    while True:
        m = re.match(r'(\w+)\s+', rest)
        if not m or m.group(1) not in _MODIFIERS:
            return words, rest
        words.add(m.group(1))
        rest = rest[m.end():]


def _paren_end(s, start):
    depth = 0
    for i in range(start, len(s)):
        depth += (s[i] == '(') - (s[i] == ')')
        if depth == 0:
            return i
    return len(s) - 1


def _assigns(head):
    """True when head has an initializer '=' outside parentheses (a field or property value)."""
    return re.search(r'(?<![=!<>])=(?![=>])', re.sub(r'\([^()]*\)', '', head)) is not None


def _member(head, block, kind, pos):
    """Stub line for one member head (text up to its body or ';'), or None to leave it out.
    block: the masked text of its { } body when it has one (accessors of a property)."""
    head = _squash(_strip_attributes(head))
    if not head or head.startswith(('=', ':', '~', '#', 'where ')):
        return None
    mods, rest = _split_modifiers(head)
    if not rest or _TYPE.match(rest):
        return None  # nested types get their own block
    private = not (mods & _ACCESS) and kind != "interface"
    keep = ' '.join(w for w in _KEPT if w in mods)
    pre = keep + ' ' if keep else ''
    arrow = rest.find('=>')
    paren = rest.find('(')
    eq = re.search(r'(?<![=!<>])=(?![=>])', rest)
    if paren >= 0 and (arrow < 0 or paren < arrow) and (eq is None or paren < eq.start()) \
            and not rest.startswith(('event ', 'delegate ')):
        name_part = rest[:paren].split()
        if not name_part or '.' in name_part[-1].split('<')[0]:
            return None  # explicit interface implementation: not callable by name
        sig = re.sub(r'\s+\(', '(', rest[:_paren_end(rest, paren) + 1])
        return Member(pre + sig + ';', private, pos)
    if rest.startswith('event '):
        body = rest.split('=')[0].strip() if block is None else rest
        return Member(pre + body.rstrip(';').strip() + ';', private, pos)
    if block is not None or arrow >= 0:
        decl = rest[:arrow].strip() if arrow >= 0 else rest
        if block is not None and arrow < 0:
            acc = [a for a in ('get', 'set', 'init') if re.search(r'\b%s\b' % a, block)]
            acc = acc or ['get']
        else:
            acc = ['get']
        return Member(pre + decl + ' { ' + ' '.join(a + ';' for a in acc) + ' }', private, pos)
    # Field(s): "Type a = 1, b" -> "Type a, b" (initializers dropped).
    if eq is not None:
        rest = rest[:eq.start()].strip() if ',' not in rest else re.sub(r'\s*=[^,]*', '', rest)
    rest = rest.rstrip(';').strip()
    if len(rest.split()) < 2:
        return None
    return Member(pre + rest + ';', private, pos)


def _members(text, m, pairs, start, end, kind):
    """Members of the body m[start:end] (inside the braces)."""
    out, head_start, i = [], start, start
    while i < end:
        c = m[i]
        if c == '{':
            close = pairs.get(i, end)
            head = text[head_start:i]
            if _assigns(m[head_start:i]) and '=>' not in m[head_start:i]:
                i = close + 1  # initializer with braces (new Foo { ... }): part of the field
                continue
            if '=>' in m[head_start:i]:
                i = close + 1  # lambda body inside an expression-bodied member
                continue
            mem = _member(head, m[i + 1:close], kind, head_start + len(head) - len(head.lstrip()))
            if mem:
                out.append(mem)
            i = close + 1
            head_start = i
            continue
        if c == ';':
            head = text[head_start:i]
            mem = _member(head, None, kind, head_start + len(head) - len(head.lstrip()))
            if mem:
                out.append(mem)
            head_start = i + 1
        elif c == '(':
            i = _paren_end(m, i)
        i += 1
    return out


def extract(text):
    """All type declarations of one C# file, in source order."""
    m = mask(text)
    text = mask_comments(text)
    pairs = _matching(m)
    blocks = []
    for t in _TYPE.finditer(m):
        if not _DECL_BEFORE.search(m[max(0, t.start() - 80):t.start()]):
            continue
        kind, name = _squash(t.group(1)), t.group(2)
        j = t.end()
        while j < len(m) and m[j] not in '{;':
            if m[j] == '(':
                j = _paren_end(m, j)
            j += 1
        if j >= len(m):
            continue
        head = _squash(text[t.end():j])
        head = re.split(r'\bwhere\b', head)[0].strip()
        line = f"{kind} {name}{head}" if head[:1] in ('<', '(') else f"{kind} {name}" + (' ' + head if head else '')
        line = re.sub(r'\s+\(', '(', line)
        if m[j] == ';':
            blocks.append(TypeBlock(kind, name, line + ';', [], t.start(), j + 1))
            continue
        close = pairs.get(j)
        if close is None:
            continue
        if kind == "enum":
            names = [re.split(r'[=\s]', _strip_attributes(e).strip())[0] for e in m[j + 1:close].split(',')]
            names = [n for n in names if n]
            shown = names[:MAX_ENUM_MEMBERS] + (['...'] if len(names) > MAX_ENUM_MEMBERS else [])
            blocks.append(TypeBlock(kind, name, f"enum {name} {{ {', '.join(shown)} }}", [], t.start(), close + 1))
            continue
        blocks.append(TypeBlock(kind, name, line, _members(text, m, pairs, j + 1, close, kind), t.start(), close + 1))
    return blocks


def render(blocks, include_private=()):
    """Header text of blocks (in the given order). include_private: names of blocks whose private
    members stay (the type that encloses the cursor)."""
    out = []
    for b in blocks:
        out.extend(block_lines(b, b.name in include_private))
    return '\n'.join(out)


def block_lines(b, private=False, members=None):
    if b.is_enum:
        return [b.line]
    ms = [x for x in (b.members if members is None else members) if private or not x.private]
    return [b.line, '{'] + ['    ' + x.text for x in ms] + ['}']


def identifiers(masked_text):
    return set(re.findall(r'[A-Za-z_]\w*', masked_text))


def select(blocks, window, cursor, enclosing=None, budget=128, line_cost=None, member_cost=None):
    """Orders and trims blocks for one window (docs/context-header.md).

    blocks: [(TypeBlock, same_file, occurrences)] where occurrences are positions where the type's
    name appears in the current file; window: (start, end) positions that the prompt shows; cursor:
    the completion point; enclosing: the TypeBlock that holds the cursor (same file) or None.
    line_cost(block) and member_cost(member) size them in tokens (default: characters / 4). Returns [(TypeBlock, [members])], least relevant first."""
    lo, hi = window
    chosen = []
    for b, same, occ in blocks:
        inside = [p for p in occ if lo <= p < hi]
        is_enc = enclosing is not None and b is enclosing
        if not inside and not is_enc:
            continue
        if same and lo <= b.pos < hi and not is_enc:
            continue  # its declaration is in view already
        mems = [x for x in b.members if (is_enc or not x.private) and not (same and lo <= x.pos < hi)]
        if not mems and (is_enc or not b.is_enum):
            continue  # an empty stub tells the model nothing
        near = any(abs(p - cursor) < 400 for p in inside)
        score = (3 if is_enc else 2 if near else 1, len(inside))
        chosen.append([score, b, mems])
    chosen.sort(key=lambda c: c[0])
    line_cost = line_cost or (lambda b: len(b.line) // 4 + (1 if b.is_enum else 3))
    member_cost = member_cost or (lambda x: len(x.text) // 4 + 2)
    cost = [[line_cost(b), [member_cost(x) for x in ms]] for _, b, ms in chosen]
    total = sum(c[0] + sum(c[1]) for c in cost)
    i = 0
    while total > budget and i < len(chosen):
        if cost[i][1]:
            total -= cost[i][1].pop()
            chosen[i][2] = chosen[i][2][:-1]
        else:
            total -= cost[i][0]
            chosen[i] = None
            i += 1
    return [(b, ms) for c in chosen if c is not None for _, b, ms in [c]]
