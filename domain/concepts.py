"""Rules over concepts: a rule holds when all its concepts are said within a few words of each
other, with none of its near-miss (`unless`) words beside them and no frame that explains them
away. `ConceptModel` runs every language's words over a message and says which kinds of rule
hold (the safety net's urgent and crisis, or the everyday intents)."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise, product

from domain.concept_figures import (
    AGE_UNITS,
    age_months,
    all_normal,
    fever_figures,
    stated_figures,
    temperature_readings,
)
from domain.concept_words import CompiledLexicon, Hit, Lexicon, Tokens, find_hits, fold, tokenize


@dataclass(frozen=True)
class Rule:
    """One red flag: concepts that must all appear within `within` tokens of each other."""

    id: str
    kind: str  # URGENT or CRISIS
    category: str
    all: tuple[str, ...]
    within: int = 6
    unless: tuple[str, ...] = ()
    # How far from the matched words an `unless` concept still cancels them.
    unless_within: int = 3
    # Conditions on numbers found in the text (a temperature, the baby's age).
    young: bool = False  # the baby is under 3 months (said in words or as an age)
    min_celsius: float | None = None
    # An emergency rule whose words a parent also says of themselves ("never wake up"): where a
    # crisis rule matched the same words, the crisis reply alone answers.
    crisis_first: bool = False
    # Words that make a sign the parent's own ("burned my hand", "me quemé la mano"): a sign's
    # word inside them fills no slot, so "burned my hand and her arm" still holds on "her arm".
    owned: tuple[str, ...] = ()
    # Near-miss concepts that cancel like `unless`, but only in the signs' own clause: the class
    # and its days are what "I can't go on with the course on Thursday" is about, never what "I
    # can't go on, we won't come on Thursday" is.
    unless_clause: tuple[str, ...] = ()
    # At most this many words between one sign and the next (None: any, within `within`):
    # "tired of everything", not "tired of washing everything".
    gap: int | None = None
    # When set, the last sign ends its clause, or the next word starts one of these concepts:
    # "tired of it all", "tired of it all and of me", never "tired of it all being beige".
    last_in_clause: tuple[str, ...] | None = None


# The fever rules' category.
FEVER = "fever"


# How near a frame's `before` words a red flag is part of what they name ("série das urgências"),
# with no `linked` words needed between them.
LINK_FREE = 2
# How far before a red flag its subject is said ("and now *she* has 39"): see `unless_before`.
SUBJECT_REACH = 4


@dataclass(frozen=True)
class Frame:
    """What the words around a red flag say about it, message-wide: a parent asking where to
    learn first aid "in case she ever chokes", or telling a scare that "turned out to be the
    marker pen". Where every condition given holds, the red flag's words do not count."""

    id: str
    kinds: tuple[str, ...]
    # A concept anywhere in the message ("a|b": either, here and in `before` and `after`).
    message: str | None = None
    # A concept in the red flag's sentence, at most `within` words before it.
    before: str | None = None
    within: int = 8
    # A concept said between `before` and the red flag ("a film *where a baby* stops
    # breathing"): without it, the red flag may be the parent's own baby while they watched.
    # Not needed right after `before` (LINK_FREE words): "the series about A&E".
    linked: str | None = None
    # How near `before` the red flag may be with no `linked` words between them;
    # 0 where the link must always be said ("my husband *has flu*, 39": "my husband measured
    # 39" is the baby's temperature).
    link_free: int = LINK_FREE
    # A concept after the red flag's words: anywhere, or at most `after_within` words after.
    after: str | None = None
    after_within: int | None = None
    # The red flags it speaks about (their categories); all of them when empty.
    categories: tuple[str, ...] = ()
    # The frame never speaks of a rule one of whose slots accepts this concept ("a|b": either):
    # a sign read as not stopping ("bleeding nonstop for half an hour ... kkk") is not over,
    # whatever a laugh after it says.
    unless_signs: str | None = None
    # The frame speaks only of a rule one of whose slots accepts this concept ("a|b": either):
    # the emergency words a programme is about ("a documentary about A&E"), not every sign of
    # the category.
    signs: str | None = None
    # The frame never holds for a baby under 3 months (an age in the text, or words like
    # "newborn"): a newborn who sleeps through the night feeds is not a baby sleeping through.
    unless_young: bool = False
    # `message` only in the red flag's sentence: "after her bath" told of the strokes earlier
    # says nothing of hands that are grey now, a sentence later.
    message_in_sentence: bool = False
    # The frame never holds when this concept is anywhere in the message ("now", "help"; "a|b":
    # either).
    unless: str | None = None
    # The frame never holds when this concept is said after the red flag's words ("and now he
    # has been sick twice"): a sign told later keeps it, whatever anyone says of it.
    unless_after: str | None = None
    # The frame never holds when this concept is said just before the red flag, in its sentence
    # (at most SUBJECT_REACH words before it): the words right before a sign say whose it is
    # ("I've got flu and *she* has 39", "and *now he* has a temperature").
    unless_before: str | None = None
    # Words that, said between the frame's words and the red flag, end what the frame said, in
    # this frame only ("last month we were in hospital, *he's* struggling to breathe": a new
    # clause about the baby now after a time long ago).
    turned_by: str | None = None
    # Whether the frame says whose sign it is (the parent's own burn, the dog's, another child's,
    # a story's): a turn of the story (STORY_TURN, "but") does not break it ("I burnt my wrist,
    # nothing much, but the oil stings on the burn" is still the parent's), and a red flag it
    # explains away gets no line with the emergency number (see `Reading.maybe_now`).
    owner: bool = False

    @property
    def concepts(self) -> tuple[str, ...]:
        """Every concept the frame names."""
        named = (
            self.message,
            self.before,
            self.linked,
            self.after,
            self.unless,
            self.unless_after,
            self.unless_before,
            self.turned_by,
        )
        return tuple(c for name in named if name for c in _alternatives(name))


Span = tuple[int, int]
# The English words another language's rules may borrow: the names of things swallowed.
BORROWED_NAMES = frozenset({"substance", "medicine"})
# The letters a one-word name needs to be borrowed into English (see `ConceptModel.read`).
BORROWED_MIN = 6
# Words that say all is well now: a word for now inside them is theirs (see `_framed`).
ALL_CLEAR = ("checked_fine", "resolved", "recovered")
# Words that hold a word for help or for now without calling for it ("strokes to help him
# settle", "a massage that helps with wind"): a frame's `unless` word inside them is theirs.
NOT_A_CALL = "help_ok"
# Words that turn a story ("but"): a frame's `message` or `before` words said before them say
# nothing of a red flag told after them. "Did the first aid course in March but my mind is blank,
# she's choking" is a parent in an emergency, not one telling of a course.
STORY_TURN = "story_turn"
# A place the baby is in, said with its preposition ("in the pram", "im Kinderwagen"): a
# near-miss word inside it (the pram's colour, the car's) is not beside the sign.
PLACE_IN = "place_in"
# A joke taken back before what follows ("grapje hoor maar ik heb al opgezocht hoe hoog de brug
# is", "just kidding but I've looked up..."): its joke word cancels nothing said after it.
TAKEN_BACK = "joke_but"
# Words that make what follows a question ahead ("if", "wenn", "what to do if"): a sign told
# after a turn of the story inside them is still asked about ("did the course, but if he ever
# stopped breathing I'd freeze").
HYPOTHETICAL = ("if_ever", "someday", "signs_of")
# What `_within` says of a rule whose words were all there but a frame explained them away:
# FRAMED when a frame about time or a question did (the red flag may still be this baby's, now),
# OWNED when only frames that say whose sign it is did.
FRAMED = "framed"
OWNED = "owned"


@functools.cache
def _alternatives(concept: str) -> tuple[str, ...]:
    """The concepts a rule's slot accepts ("fever|hot": either)."""
    return tuple(concept.split("|"))


class _RuleIndex:
    """The rules each concept can start, so a message is tried only against the rules whose
    every slot has a hit at all, in their order (most rules fail there): with a hundred rules
    and eight languages, asking each rule in turn was most of the safety check's time."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        # Each rule's slots, as the concepts each accepts.
        self._slots = tuple(
            tuple(frozenset(_alternatives(c)) for c in rule.all) for rule in self.rules
        )
        # A rule is found through the concepts of its first slot; a rule on figures alone (no
        # concepts) is always tried.
        self._always = tuple(n for n, rule in enumerate(self.rules) if not rule.all)
        by_first: dict[str, list[int]] = defaultdict(list)
        for number, slots in enumerate(self._slots):
            if slots:
                for name in slots[0]:
                    by_first[name].append(number)
        self._by_first = {name: tuple(numbers) for name, numbers in by_first.items()}

    def possible(self, present: Collection[str]) -> list[Rule]:
        """The rules, in order, whose every slot accepts a concept in `present`, and the rules
        without concepts (on a temperature alone)."""
        present = frozenset(present)
        numbers = set(self._always)
        for name in present:
            numbers.update(self._by_first.get(name, ()))
        return [
            self.rules[n]
            for n in sorted(numbers)
            if all(not slot.isdisjoint(present) for slot in self._slots[n])
        ]


def _ends_clause(
    hit: Hit, tokens: Tokens, going_on: Sequence[str], by_concept: Mapping[str, Sequence[Hit]]
) -> bool:
    """Whether `hit` is the last of its clause's words, or the next word starts a hit of one of
    the `going_on` concepts (an "and", a "lately": the clause goes on without naming a thing)."""
    following = hit.end + 1
    try:
        index = tokens.positions.index(following)
    except ValueError:
        return True  # the sentence or the message ends
    if tokens.clauses[index] != hit.clause:
        return True
    return any(h.start == following for name in going_on for h in by_concept.get(name, ()))


def _gapped(combo: Sequence[Hit], gap: int) -> bool:
    """Whether more than `gap` words stand between two of the signs, taken in order."""
    ordered = sorted(combo, key=lambda h: h.start)
    return any(b.start - a.end - 1 > gap for a, b in pairwise(ordered))


def _within(
    rule: Rule,
    by_concept: Mapping[str, Sequence[Hit]],
    frames: Sequence[Frame],
    framing: Mapping[str, Sequence[Hit]],
    phrases: Mapping[str, Sequence[Hit]],
    tokens: Tokens,
    young: bool = False,
) -> Span | str | None:
    """Where every concept of the rule occurs within `rule.within` tokens, with no `unless`
    concept beside the words that matched (this language's, or `phrases`: near-miss and owned
    phrases of every language) and no frame (`framing`: the frames' words, in every language)
    that explains them away; FRAMED or OWNED when only a frame kept the rule from holding (see
    FRAMED), None when it does not hold."""
    owners: set[bool] = set()  # whether each frame that explained the words away is an owner's
    # Owned words of this language, and owned phrases of any ("no respondí" is also read by
    # the Portuguese and Italian words for "no" and "respond").
    owned = [
        h
        for name in rule.owned
        for h in (*by_concept.get(name, ()), *phrases.get(name, ()))
        if not h.guessed
    ]
    slots = []
    for concept in rule.all:
        options = [
            h
            for name in _alternatives(concept)
            for h in by_concept.get(name, ())
            if not any(o.start <= h.start and h.end <= o.end for o in owned)
        ]
        if not options:
            return None
        slots.append(options[:8])  # a bound: a pasted essay repeating a word stays fast
    signs = [h for slot in slots for h in slot]
    # A near-miss phrase must be written as it is: a typo guess never cancels a sign.
    # A near-miss phrase of any language counts ("je suis épileptique" read by the French words
    # quiets the "epilep-" that five other languages' lists also read); a single word only in its
    # own language, where a coincidence is likelier.
    # A near-miss word inside a place the baby is in ("gone blue in the car seat": the car seat
    # is where, not what is blue) cancels nothing.
    places = by_concept.get(PLACE_IN, ())
    taken_back = by_concept.get(TAKEN_BACK, ())
    # Each guard with whether it counts in its own clause only (`Rule.unless_clause`).
    guards = [
        (h, name in rule.unless_clause)
        for name in (*rule.unless, *rule.unless_clause)
        for h in (*by_concept.get(name, ()), *phrases.get(name, ()))
        if not h.guessed and not any(p.start <= h.start and h.end <= p.end for p in places)
    ]
    # The frames that may explain this rule away in this message: the same for every combination
    # of its words, so chosen once.
    speaking = [f for f in frames if _speaks_of(f, rule) and not (f.unless_young and young)]
    for combo in product(*slots):
        if len(combo) > 1 and _overlap(combo):
            continue  # one word cannot be two signs ("fever" is not "fever + a sign of illness")
        if all(h.borrowed for h in combo):
            continue  # English words read as another language's: English's own rules decide
        start = min(h.start for h in combo)
        end = max(h.end for h in combo)
        # The reach is between a rule's signs: one phrase is one sign, however long
        # ("can't get out of bed to feed her" is eight words).
        if len(combo) > 1 and end - start > rule.within:
            continue
        if rule.gap is not None and _gapped(combo, rule.gap):
            continue
        if rule.last_in_clause is not None:
            last = max(combo, key=lambda h: h.end)
            if not _ends_clause(last, tokens, rule.last_in_clause, by_concept):
                continue
        pad = rule.unless_within
        sentences = {h.sentence for h in combo}
        clauses = {h.clause for h in combo}
        # A near-miss word cancels a sign only in the same sentence ("we learnt CPR on a course
        # last week" is calm; "calling 999. we did the strokes last week" is not).
        if any(
            (g.clause in clauses if own_clause else g.sentence in sentences)
            and g.end >= start - pad
            and g.start <= end + pad
            and not _inside(g, signs)
            and not any(t.start <= g.start and g.end <= t.end < start for t in taken_back)
            for g, own_clause in guards
        ):
            continue
        first_sentence = min(combo, key=lambda h: h.start).sentence
        quieting = {
            frame.owner
            for frame in speaking
            if _framed(frame, start, end, first_sentence, framing, tokens.questions, by_concept)
        }
        if quieting:
            owners |= quieting
            continue
        return start, end
    return _framed_kind(owners)


def _framed_kind(owners: Collection[bool]) -> str | None:
    """FRAMED or OWNED for the frames (by their `owner`) that explained a red flag away."""
    if not owners:
        return None
    return OWNED if all(owners) else FRAMED


def _inside(guard: Hit, signs: Sequence[Hit]) -> bool:
    """Whether a near-miss phrase lies inside a longer phrase of the rule's own signs: the longer,
    more particular words win ("mi sono tagliata di nuovo", I cut myself again, is not the
    everyday "mi sono tagliata", I cut myself; the "surprise" of "je me suis surprise à regarder",
    I caught myself looking, is not joy), even when a shorter sign phrase is the one in reach."""
    return any(
        h.start <= guard.start and guard.end <= h.end and h.end - h.start > guard.end - guard.start
        for h in signs
    )


def _said(framing: Mapping[str, Sequence[Hit]], *names: str | None) -> list[Hit]:
    """Where the frame words of `names` (each "a|b" for either; None for none) are said."""
    return [h for name in names if name for c in _alternatives(name) for h in framing.get(c, ())]


def _speaks_of(frame: Frame, rule: Rule) -> bool:
    """Whether a frame applies to a rule (its kind, its category when the frame names some, a
    slot of the signs it names when it names some, and none of its slots a sign the frame never
    explains away)."""
    if rule.kind not in frame.kinds or (frame.categories and rule.category not in frame.categories):
        return False
    if frame.signs is None and frame.unless_signs is None:
        return True  # most frames: nothing more to look at, on every message
    accepted = {c for slot in rule.all for c in _alternatives(slot)}
    if frame.signs is not None and accepted.isdisjoint(_alternatives(frame.signs)):
        return False
    return frame.unless_signs is None or accepted.isdisjoint(_alternatives(frame.unless_signs))


def _framed(
    frame: Frame,
    start: int,
    end: int,
    sentence: int,
    framing: Mapping[str, Sequence[Hit]],
    questions: frozenset[tuple[int, int]],
    native: Mapping[str, Sequence[Hit]],
) -> bool:
    """Whether every condition of `frame` holds around the red flag's words (`start` to `end`,
    beginning in `sentence`); words after it inside a question (`questions`) say nothing:
    "blue lips, is he ok?" asks whether he is fine. `native`: the words the red flag's language
    read (its turns of the story)."""
    if frame.unless:
        # A word inside the frame's own longer phrase is that phrase's ("soccorritore sul 118":
        # the number is the service someone works for, not a call for help), and so is a word
        # for now inside words that say all is well ("is nu niks aan de hand", "fine now"), or
        # a word for help that calls for nothing ("to help him settle", "pronto-socorro").
        own = _said(framing, frame.message, frame.before, frame.after, *ALL_CLEAR, NOT_A_CALL)
        if any(not _inside(h, own) for h in _said(framing, frame.unless)):
            return False
    if frame.unless_after and any(h.start > end for h in _said(framing, frame.unless_after)):
        return False
    if frame.unless_before:
        # A word inside the frame's own words is theirs ("*his* brother has been sick").
        own = _said(framing, frame.message, frame.before)
        if any(
            h.sentence == sentence
            and h.end < start
            and start - h.end <= SUBJECT_REACH
            and not _inside(h, own)
            for h in _said(framing, frame.unless_before)
        ):
            return False
    # Read in the red flag's own language: Portuguese "mais" (more) is not French "mais" (but).
    # A turn followed by a question ahead before the red flag turns to asking, not to the baby.
    asking = [h.start for name in HYPOTHETICAL for h in native.get(name, ())]
    turned = [] if frame.owner else list(native.get(STORY_TURN, ()))
    if frame.turned_by:
        turned += [h for c in _alternatives(frame.turned_by) for h in native.get(c, ())]
    turns = [h.start for h in turned if not any(h.start < ask < start for ask in asking)]

    def told_apart(hit: Hit) -> bool:
        """Whether a turn of the story ("but") lies between a frame's word and the red flag."""
        return any(hit.end < turn < start for turn in turns)

    if frame.message and not any(
        not told_apart(h) and (not frame.message_in_sentence or h.sentence == sentence)
        for h in _said(framing, frame.message)
    ):
        return False
    if frame.before and not any(
        not told_apart(h)
        and h.sentence == sentence
        and h.end < start
        and start - h.end <= frame.within
        and (
            frame.linked is None
            or start - h.end <= frame.link_free
            or any(h.end < k.start <= start for k in framing.get(frame.linked, ()))
        )
        for h in _said(framing, frame.before)
    ):
        return False
    # "After" counts from the red flag's first word: a rule's words may reach past the frame's
    # ("burnt his hand, nothing serious, he can still come" ends on "he").
    reach = frame.after_within
    return not frame.after or any(
        h.start > start
        and (reach is None or h.start - end <= reach)
        and not any(first <= h.start and h.end <= last for first, last in questions)
        for h in _said(framing, frame.after)
    )


def _overlap(hits: Sequence[Hit]) -> bool:
    """Whether any two hits share a word."""
    spans = sorted((h.start, h.end) for h in hits)
    return any(b[0] <= a[1] for a, b in pairwise(spans))


@dataclass(frozen=True)
class Reading:
    """What the rules read in a message: the first rule that holds for each kind, with the words
    it matched; and the kinds none of whose rules held only because a frame explained them away."""

    found: dict[str, tuple[Rule, Span | None]]
    framed: frozenset[str]
    # The frames' words the message says, written out ("vet says all fine", "in a film"): what
    # a second reading may weigh where no rule held.
    framing: frozenset[str] = frozenset()
    # The words of further rules of a kind that held, read while a rule that gives way to a
    # crisis (`crisis_first`) holds for another kind: "no point anymore. I just want to sleep and
    # not wake up" has its crisis in the second sentence, the words of that rule too.
    also: dict[str, list[Span]] = field(default_factory=dict)
    # Of `framed`, the kinds a frame about time or a question explained away (not only one that
    # says whose sign it is): the red flag may still be this baby's, now.
    maybe_now: frozenset[str] = frozenset()


class ConceptModel:
    """Rules over concepts, in every language's words: which kinds of rule hold for a text.
    The safety net's kinds are urgent and crisis; the everyday intents use the same engine."""

    # Concepts read into `Reading.framing` besides the frames' own (a subclass's, for what it
    # weighs after the rules).
    ALSO_FRAMING: frozenset[str] = frozenset()

    def __init__(
        self, rules: Sequence[Rule], lexicons: Sequence[Lexicon], frames: Sequence[Frame] = ()
    ) -> None:
        self.rules = tuple(rules)
        self.frames = tuple(frames)
        self._frame_concepts = frozenset(
            [*(c for frame in self.frames for c in frame.concepts), NOT_A_CALL, *self.ALSO_FRAMING]
        )
        # Near-miss and owned concepts: their phrases of two words or more count in every language.
        self._phrase_concepts = frozenset(c for rule in rules for c in (*rule.unless, *rule.owned))
        self.lexicons = tuple(lexicons)
        self._kinds = frozenset(rule.kind for rule in self.rules)
        self._index = _RuleIndex(self.rules)
        self._lexicons = tuple(CompiledLexicon(lexicon) for lexicon in lexicons)
        self._known = frozenset(w for c in self._lexicons for w in c.vocabulary if w.isalpha())
        # The first language's words (English): another language's rule needs a word of its own.
        self._english = frozenset(self._lexicons[0].vocabulary) if self._lexicons else frozenset()
        # Every language's whole words for days, weeks and months (not stems: "mes*" is not
        # "mesmo"), so a half said in words before one is not read as a temperature.
        self._age_units = frozenset(
            term
            for lexicon in lexicons
            for unit in AGE_UNITS
            for term in lexicon.concepts.get(unit, ())
            if term.isalpha()
        )
        self._shouts = frozenset(fold(w) for lexicon in lexicons for w in lexicon.shout)
        self._prepared = False  # see `prepare`

    def prepare(self, texts: Iterable[str]) -> None:
        """Work out now how every language reads each word of `texts`, remembered as a message's
        words are (`CompiledLexicon.readings`): a word's first reading costs some 10 µs per
        language, which the first messages after a start would otherwise wait for. Only the
        words said more than once: half the words, 95% of what parents write, half the memory
        (7 MB for all the FAQ examples' words). Once per model: the content, and so the model, is
        shared by every bot started in one process."""
        if self._prepared:
            return
        self._prepared = True
        counts = Counter(word for text in texts for word in tokenize(text).words)
        words = [word for word, count in counts.items() if count > 1]
        for lexicon in self._lexicons:
            reading = lexicon.readings(self._known)
            for word in words:
                reading(word)

    def words_known(self, text: str, lang: str) -> int:
        """How many of the words of `text` one language's word lists know: a tie-break between
        close languages ("mi bebé no respira" is Spanish, not Portuguese, by its words)."""
        for compiled in self._lexicons:
            if compiled.lang == lang:
                return sum(1 for word in tokenize(text).words if word in compiled.vocabulary)
        return 0

    def matches(self, tokens: Tokens) -> dict[str, Rule]:
        """The first rule that holds for each kind of rule (the model's rules may be of any
        kinds: the safety net's are urgent and crisis, the intents' are intent names)."""
        return {kind: rule for kind, (rule, _) in self.matched(tokens).items()}

    def matched(self, tokens: Tokens) -> dict[str, tuple[Rule, Span | None]]:
        """The first rule that holds for each kind, with the words it matched (None for a rule
        on a temperature alone)."""
        return self.read(tokens).found

    def read(self, tokens: Tokens) -> Reading:
        """The rules that hold (`matched`), and the kinds whose red flag a frame explained away
        ("blue lips ... from the blueberry porridge 😂")."""
        found: dict[str, tuple[Rule, Span | None]] = {}
        also: dict[str, list[Span]] = defaultdict(list)
        framed: set[str] = set()
        maybe_now: set[str] = set()
        readings = temperature_readings(tokens.words, self._age_units)
        temperatures = [value for _, value in readings]
        scanned = [
            (lexicon, find_hits(lexicon, tokens, self._known, self._borrowing(lexicon)))
            for lexicon in self._lexicons
        ]
        # A frame's words count in every language ("tout va bien" quiets a French burn that the
        # Spanish words happened to read too), and only as written: a typo guess never quiets.
        # So do near-miss phrases and owned phrases of two words or more (see `_within`).
        framing: dict[str, list[Hit]] = defaultdict(list)
        phrases: dict[str, list[Hit]] = defaultdict(list)
        for _, hits in scanned:
            for hit in hits:
                if hit.concept in self._frame_concepts and not hit.guessed:
                    framing[hit.concept].append(hit)
                if hit.concept in self._phrase_concepts and hit.end > hit.start:
                    phrases[hit.concept].append(hit)
        borrowed_names = self._borrowed_names(scanned, tokens)
        for lexicon, hits in scanned:
            if not hits and not temperatures:
                continue
            age = age_months(hits, tokens, lexicon.numbers)
            by_concept: dict[str, list[Hit]] = defaultdict(list)
            for hit in hits:
                by_concept[hit.concept].append(hit)
            for source, hit, words in borrowed_names:
                # English lends to every language and borrows from every one; no other pair.
                lends = self._lexicons[0] in (source, lexicon)
                if source is not lexicon and lends and words.isdisjoint(lexicon.vocabulary):
                    by_concept[hit.concept].append(hit)
            young = (age is not None and age < 3.0) or "young" in by_concept
            heat = (
                temperatures
                + fever_figures(by_concept, tokens)
                + stated_figures(by_concept, tokens)
            )
            # "Cheeks red and hot after the bath, but her temperature is 36.9": every reading
            # given is a normal one, so the fever words are a feeling the thermometer answered.
            # A low reading (under 36) is no reassurance, nor is one reading among others, nor
            # any reading of a baby under 3 months ("burning up, 37.1 after the Calpol").
            measured_normal = not young and all_normal(heat)
            # A rule with a slot no word of the message fills cannot hold: not tried.
            for rule in self._index.possible(by_concept.keys()):
                held = found.get(rule.kind)
                # A rule that gives way to a crisis (`crisis_first`) never hides another rule of
                # its kind: "thoughts of dropping him ... and now he is not moving" is still read.
                hidden = held is not None and (rule.crisis_first or not held[0].crisis_first)
                # Once one does hold, a hidden rule of another kind is still read, for its words
                # (`also`).
                yielding = any(r.crisis_first for k, (r, _) in found.items() if k != rule.kind)
                if hidden and not yielding:
                    continue
                if rule.young and not young:
                    continue
                if rule.min_celsius is not None and not any(t >= rule.min_celsius for t in heat):
                    continue
                if measured_normal and rule.category == FEVER and rule.min_celsius is None:
                    continue
                span = (
                    _within(rule, by_concept, self.frames, framing, phrases, tokens, young)
                    if rule.all
                    else None
                )
                if not rule.all:
                    span = self._figure_framed(rule, by_concept, tokens, readings, framing, young)
                if span in (FRAMED, OWNED):
                    framed.add(rule.kind)
                    if span == FRAMED:
                        maybe_now.add(rule.kind)
                    continue
                if rule.all and span is None:
                    continue
                if hidden:
                    if isinstance(span, tuple):
                        also[rule.kind].append(span)
                    continue
                found[rule.kind] = (rule, span if isinstance(span, tuple) else None)
            if len(found) == len(self._kinds) and not any(
                r.crisis_first for r, _ in found.values()
            ):
                break
        return Reading(
            found,
            frozenset(framed - set(found)),
            frozenset(framing),
            dict(also),
            frozenset(maybe_now - set(found)),
        )

    def _borrowed_names(
        self, scanned: Sequence[tuple[CompiledLexicon, Sequence[Hit]]], tokens: Tokens
    ) -> list[tuple[CompiledLexicon, Hit, set[str]]]:
        """The names of things swallowed that another language's rules may borrow: (the
        language that read the name, the hit marked as borrowed, its words).

        A parent writing half in English ("engoliu 2 magnets do frigorífico"): an English name
        may fill that slot beside another language's own words. And the other way, a parent
        writing English as a second language ("my son swallow a pila a bottone"): another
        language's name, but not a short word ("das" is a modelling clay in Italy). Either way
        only where none of its words is one of the borrowing language's too ("pour", "café")."""
        english = self._lexicons[0] if self._lexicons else None
        by_position: dict[int, str] = {}
        names = []
        for lexicon, hits in scanned:
            for hit in hits:
                if hit.concept not in BORROWED_NAMES or hit.guessed:
                    continue
                # Built for the few messages that name something swallowed, not for every one.
                by_position = by_position or dict(zip(tokens.positions, tokens.words, strict=True))
                words = {by_position[p] for p in range(hit.start, hit.end + 1) if p in by_position}
                if lexicon is english or sum(map(len, words)) >= BORROWED_MIN:
                    names.append((lexicon, dataclasses.replace(hit, borrowed=True), words))
        return names

    def _figure_framed(
        self,
        rule: Rule,
        by_concept: Mapping[str, Sequence[Hit]],
        tokens: Tokens,
        readings: Sequence[tuple[int, float]],
        framing: Mapping[str, Sequence[Hit]],
        young: bool,
    ) -> str | None:
        """Whether a frame explains away a rule on a temperature alone ("39 last week, fine
        now"), read where the fever is named and at each figure high enough for the rule (not
        a time or a date before it: "14h ... 38,3"): FRAMED, OWNED (see FRAMED) or None. Every
        one of those places must be explained away: "our eldest has 39, the doctor says a
        virus, and now the 6-week-old has 38.5" is a second fever the first frame says nothing
        of."""
        places = [(hit.start, hit.end, hit.sentence) for hit in by_concept.get("fever", ())[:1]]
        places += [
            (tokens.positions[index], tokens.positions[index], tokens.sentences[index])
            for index, value in readings
            if rule.min_celsius is None or value >= rule.min_celsius
        ]
        if not places:
            return None
        owners: set[bool] = set()
        for start, end, sentence in places:
            here = {
                frame.owner
                for frame in self.frames
                if _speaks_of(frame, rule)
                and not (frame.unless_young and young)
                and _framed(frame, start, end, sentence, framing, tokens.questions, by_concept)
            }
            if not here:
                return None
            owners |= here
        return _framed_kind(owners)

    def _borrowing(self, lexicon: CompiledLexicon) -> frozenset[str]:
        """English's words, for another language's lexicon (a rule there needs its own word)."""
        return self._english if lexicon is not self._lexicons[0] else frozenset()
