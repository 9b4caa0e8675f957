"""What a parent's message is, when it is not an emergency: a question, thanks or news (social),
word that they will miss a session or be late (absence), or a plain-words request for something
a command does (command:next, command:settings, ...).

The words are concept lists in `content/intents/` matched by the same engine as the safety net
(`domain.concepts.ConceptModel`); this module weighs what they found. A missed question is worse
than a missed "thanks", so a message that thanks and asks is a question, and a statement with a
worry in it ("she screams at the tummy strokes") is a question too. A question mark alone does
not make a question: one put to the group ("how is everyone?") or exclaimed over good news ("6
hours?!") is chatter. An absence given only by its reason (a wedding that day, "we're off to
Spain for two weeks") and a time asked about ("is it still 10am?") count when nothing else is
asked, so "she has her jabs on Tuesday, can I massage after?" stays a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from domain.concept_words import Lexicon, Tokens, tokenize
from domain.concepts import ConceptModel, Frame, Rule, Span

QUESTION = "question"
# A question mark doubled or beside an exclamation mark: said in surprise, not asked.
_EXCLAIMED = re.compile(r"\?\s*[?!]|!\s*\?")
SOCIAL = "social"
ABSENCE = "absence"
COMMANDS = (
    "command:next",
    "command:settings",
    "command:lesson",
    "command:leave",
    "command:forgetme",
)
# What a rule may say: an intent, or a cue weighed below. "absence_past" (sorry we missed it)
# and "absence_reason" (a wedding that day, off to Spain for two weeks, staying home) are absences
# only when nothing is asked; "next_asked" (is it still 10am? 9:30 or 10?) is /next only when
# asked; "rhetorical" (guess who slept 6 hours?? how is everyone?) asks nothing of the bot;
# "sharing" (just wanted to say..., wollte ich nur mal loswerden) tells news or thanks and asks
# for nothing, whatever topic words the news holds (a worry in it still makes it a question:
# "just wanted to say she has had a rash since the oil"). "to_other" (you're not the only one,
# we'll save you a spot) answers another parent of the group, like "@Lucy ...": a lateness or
# an absence in it is someone else's, or long past.
# "closure" (we'll try again tomorrow, all smiles this morning, hanging in there) ends a worry
# told as news: with nothing asked, the message is social, whatever worry words it holds.
# "in_jest" (why do they always..., ¿por qué siempre...?, warum ... immer) is a complaint made
# for a laugh when the message ends laughing or rolling its eyes ("🙄😂"): it asks nothing.
# "request" (please, I'd like, je souhaiterais) asks in a statement's form. "follow_up" (remember
# I asked about..., weisst du noch) is news about an earlier question. "condition" (if, falls)
# makes leaving asked about on a topic a question ("do we stop the course if she is ill?").
RULE_KINDS = (
    *COMMANDS,
    "to_other",
    ABSENCE,
    "absence_past",
    "absence_reason",
    "next_asked",
    "question_cue",
    "question_first",
    "either_or",
    "rhetorical",
    "in_jest",
    "sharing",
    "closure",
    "follow_up",
    "social_cue",
    "news",
    "concern",
    "request",
    "condition",
)
INTENTS = (QUESTION, SOCIAL, ABSENCE, *COMMANDS)
# The rules of a /settings request about the bot's language ("switch the bot to Spanish", "can
# you write to me in English"): answered with /language's buttons, the settings screen has no
# language. The first is required of every rules file.
LANGUAGE_RULE = "settings-language"
LANGUAGE_RULES = frozenset({LANGUAGE_RULE, "settings-language-named"})
# A choice at the end of a message is asked when its "or" is at most this many words from the end
# ("sigo con los pies nomás o mejor nada").
CHOICE_TAIL = 6
# A statement this short with nothing to answer is chatter, not a question to pass on.
SHORT = 12
# The rule of a longer statement with nothing asked, no worry and no FAQ topic: most often news
# told at length ("just posted Mia in her towel burrito, she looks like a little sausage roll"),
# now and then a question put without a question's words. It is read as social, and the reply
# offers to pass it on rather than passing on every story at night.
UNASKED = "unasked"
# "@Lucy the entrance is round the side": said to another parent of the group, not to the bot
# (a bot's username ends in "bot"), so nothing to answer or pass on. The safety net has read it
# before this.
_TO_SOMEONE_ELSE = re.compile(r"^\s*@(?!\w*bot\b)\w+", re.IGNORECASE)
# A camera, a party, a crown or a first tooth: a statement said with one shares a photo or news
# ("premier massage à la maison 📸", "der erste Zahn ist da 🦷"), even on a topic the FAQ answers.
# Not the faces people type beside a question without its question mark: "massage after the bath
# or before 😴", "10 minutes de massage ça suffit 😅" ask.
# A message that ends laughing, rolling its eyes or face-palming (emoji, "haha", "jaja", "mdr").
_LAUGH = (
    r"(?:[\U0001f602\U0001f923\U0001f644\U0001f926\U0001f605\U0001f648]"
    r"|\b(?:ha|ja|he|hi|ji|k){2,}\b|\b(?:lol|mdr|xd)\b)"
)
_ENDS_LAUGHING = re.compile(
    _LAUGH + r"(?:[\s?!.\ufe0f\u200d\u2640\u2642]|" + _LAUGH + r"|[\U0001f3fb-\U0001f3ff])*$",
    re.IGNORECASE,
)
_HAPPY = re.compile("[\U0001f389\U0001f38a\U0001f451\U0001f4f7\U0001f4f8\U0001f973\U0001f9b7]")


@dataclass(frozen=True)
class Intent:
    """The intent of a message, and the rule that decided it (None when the weighing did)."""

    name: str
    rule: str | None = None


class IntentModel:
    """Classifies a message (already found not to be an emergency) into one of INTENTS."""

    def __init__(
        self, rules: Sequence[Rule], lexicons: Sequence[Lexicon], frames: Sequence[Frame] = ()
    ) -> None:
        self._engine = ConceptModel(rules, lexicons, frames)
        # The verbs a yes-or-no question starts with (see `_asked_by_word_order`).
        self._aux = frozenset(
            w for lexicon in lexicons for w in lexicon.concepts.get("aux_word", ())
        )

    def prepare(self, texts: Iterable[str]) -> None:
        """Read the words of `texts` now (see `ConceptModel.prepare`)."""
        self._engine.prepare(texts)

    def classify(self, text: str, *, topic: bool = False) -> Intent:
        """The intent of `text`; `topic` says whether the FAQ has a confident answer for it."""
        tokens = tokenize(text)
        if not tokens.words:
            # Only emoji, stickers' words or punctuation: a reaction, not a request.
            return Intent(QUESTION if "?" in text else SOCIAL)
        if _TO_SOMEONE_ELSE.match(text):
            return Intent(SOCIAL)
        matched = self._engine.matched(tokens)
        found = {kind: rule for kind, (rule, _) in matched.items()}
        if "to_other" in found and "question_cue" not in found:
            return Intent(SOCIAL, found["to_other"].id)
        if "follow_up" in found and _closed_after_the_questions(matched.get("closure"), tokens):
            # "Remember I asked about the rash? The GP says it's nothing, all good": the question
            # mark recalls what was asked before, and the news after it closes it.
            return Intent(SOCIAL, found["follow_up"].id)
        if "in_jest" in found and "concern" not in found and _joking(text):
            # "Why do they always wee the second the nappy comes off 🙄😂": nothing to answer.
            return Intent(SOCIAL, found["in_jest"].id)
        asks = (
            "question_cue" in found
            # A session missed told with its reason ("we spent the day at the GP or in the
            # pharmacy queue") offers no choice.
            or (
                not found.keys() & {"absence_past", "absence_reason"}
                and _choice_at_the_end(matched.get("either_or"), tokens, text)
            )
            or (
                (
                    "?" in text
                    or self._asked_by_word_order(matched.get("question_first"), tokens, text)
                )
                and not _rhetorical(text, found, topic)
            )
        )
        if asks and topic and "condition" in found:
            found.pop("command:leave", None)
        if "command:leave" in found:
            # "Remove us please, can't do Thursdays anymore": leaving the course says more than
            # the sessions it will miss. Asked on a condition the FAQ answers ("do we have to
            # stop the course if she gets a cold?"), it is that question.
            return Intent("command:leave", found["command:leave"].id)
        if ABSENCE in found:
            return Intent(ABSENCE, found[ABSENCE].id)
        for command in COMMANDS:
            if command in found:
                return Intent(command, found[command].id)
        if "next_asked" in found and asks:
            return Intent("command:next", found["next_asked"].id)
        for soft in ("absence_past", "absence_reason"):
            # A reason told with how it ended ("rough night after the jabs, all smiles this
            # morning") is news, not a session missed.
            if soft in found and not asks and "closure" not in found:
                return Intent(ABSENCE, found[soft].id)
        if asks:
            return Intent(QUESTION)
        if "closure" in found:
            return Intent(SOCIAL, found["closure"].id)
        if "concern" in found:
            return Intent(QUESTION, found["concern"].id)
        if "sharing" in found:
            # "Just wanted to say she slept 5 hours after the massage": the topic is the news,
            # and nothing is asked.
            return Intent(SOCIAL, found["sharing"].id)
        if "social_cue" in found or "news" in found or "rhetorical" in found:
            return Intent(SOCIAL)
        if _HAPPY.search(text):
            return Intent(SOCIAL)
        if topic:
            return Intent(QUESTION)
        if len(tokens.words) <= SHORT:
            return Intent(SOCIAL)
        return Intent(QUESTION) if "request" in found else Intent(SOCIAL, UNASKED)

    def _asked_by_word_order(
        self, first: tuple[Rule, Span | None] | None, tokens: Tokens, text: str
    ) -> bool:
        """Whether a message starts as a yes-or-no question does ("can massage make reflux
        worse", "kann man das auch abends machen"): a verb, then its subject, as its first two
        words ("she is the cutest" is a statement). Said with an exclamation mark it is an
        exclamation ("hat sie toll gemacht!")."""
        if first is None or first[1] is None or first[1][0] != 0 or "!" in text:
            return False
        return tokens.words[0] in self._aux


def _closed_after_the_questions(closure: tuple[Rule, Span | None] | None, tokens: Tokens) -> bool:
    """Whether words that close a worry ("all good", "ya está bien") come after every question
    of the message."""
    if closure is None or closure[1] is None:
        return False
    start = closure[1][0]
    return all(end < start for _, end in tokens.questions)


def _choice_at_the_end(choice: tuple[Rule, Span | None] | None, tokens: Tokens, text: str) -> bool:
    """Whether a message ends on a choice put without its question mark ("se me durmió, sigo o
    la dejo", "massage before or after the evening feed 😴"): an "or" in its last sentence, a
    word or more after the first word and at most CHOICE_TAIL words from the end, not said
    with an exclamation mark and not before a figure ("2 or 3 times")."""
    if choice is None or choice[1] is None or "!" in text:
        return False
    at = tokens.positions.index(choice[1][0])
    after = len(tokens.words) - at - 1
    if at == 0 or not 1 <= after <= CHOICE_TAIL or tokens.words[at + 1].isdigit():
        return False
    return tokens.sentences[at] == tokens.sentences[-1]


def _joking(text: str) -> bool:
    """Whether a message ends laughing (`_ENDS_LAUGHING`) with at most one question in it: "why
    do they always... 😂 any tips?" still asks for the tips."""
    return text.count("?") <= 1 and _ENDS_LAUGHING.search(text.rstrip()) is not None


def _rhetorical(text: str, found: Mapping[str, Rule], topic: bool) -> bool:
    """Whether a question mark asks nothing of the bot: a question put to the group or said for
    effect ("how is everyone?", "guess who slept 6 hours??") with no other question word and no
    worry, or good news exclaimed with one ("6 hours last night?!") on no FAQ topic."""
    if "question_cue" in found or "concern" in found:
        return False
    if "rhetorical" in found:
        return True
    # Good news with an exclamation's question mark ("6 hours?!", "slept all night??"), unless
    # it is about a topic the FAQ answers.
    return not topic and "news" in found and _EXCLAIMED.search(text) is not None
