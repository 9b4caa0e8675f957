"""Spot messages that describe an emergency, so the bot can answer "call for help now" first.

Rules, not statistics: each pattern below names one red flag (not breathing, blue lips, a
seizure, a floppy or unresponsive baby, a fall onto the head, a very young baby with a fever,
choking, bleeding, something swallowed, a rash that does not fade...). A miss here is far worse
than a false alarm, so the patterns lean wide; they are kept clear only of the everyday questions
parents ask about massage ("she has a temperature, should we skip massage?", "he has a bit of a
cold", "it fits into our bedtime routine", "she falls asleep when I stroke her head").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

# Misspellings seen in worried, one-handed typing. Mapped before the patterns run, so each
# pattern only has to know the right spelling.
_TYPOS: dict[str, str] = {
    "breating": "breathing",
    "breathin": "breathing",
    "breathng": "breathing",
    "brething": "breathing",
    "breahting": "breathing",
    "breatheing": "breathing",
    "breath": "breathe",
    "breth": "breathe",
    "brethe": "breathe",
    "siezure": "seizure",
    "siezures": "seizure",
    "seisure": "seizure",
    "seizur": "seizure",
    "sezure": "seizure",
    "seizing": "seizure",
    "fitting": "fitting",
    "convulsion": "convulsing",
    "convulsions": "convulsing",
    "convulsed": "convulsing",
    "unresponsve": "unresponsive",
    "unresposive": "unresponsive",
    "unrepsonsive": "unresponsive",
    "chocking": "choking",
    "choaking": "choking",
    "chokeing": "choking",
    "choked": "choking",
    "chokes": "choking",
    "choke": "choking",
    "bleding": "bleeding",
    "bleedin": "bleeding",
    "swalowed": "swallowed",
    "swollowed": "swallowed",
    "swallowd": "swallowed",
    "fevr": "fever",
    "feaver": "fever",
    "fevers": "fever",
    "feverish": "fever",
    "temprature": "temperature",
    "temperture": "temperature",
    "tempreture": "temperature",
    "tempurature": "temperature",
    "temp": "temperature",
    "flopy": "floppy",
    "unconcious": "unconscious",
    "unconsious": "unconscious",
    "gray": "grey",
    "purpley": "purple",
    "bluish": "blue",
    "blueish": "blue",
    "greyish": "grey",
    "newborn": "newborn",
    "nb": "newborn",
    "wks": "weeks",
    "wk": "week",
    "mths": "months",
    "mth": "month",
    "mo": "month",
    "mos": "months",
    "hed": "head",
}

# Alarm words worth recovering from typos not listed above. Fuzzy matching is limited to these
# targets and guarded by _PROTECTED, because near neighbours of alarm words are everyday words
# ("feeding" ~ "bleeding", "bathing" ~ "breathing").
_ALARM_WORDS: tuple[str, ...] = (
    "breathing",
    "seizure",
    "convulsing",
    "unresponsive",
    "unconscious",
    "choking",
    "bleeding",
    "swallowed",
    "temperature",
    "floppy",
    "emergency",
    "ambulance",
    "meningitis",
    "lethargic",
)


def _words(text: str) -> list[str]:
    """Split a space-separated word list (written as such to keep the tables readable)."""
    return text.split()


_PROTECTED: frozenset[str] = frozenset(
    _words(
        "bathing breeding bleaching reading feeding leading needing heading seeding breaking "
        "bringing brushing breastfeeding seize seized seizes sneezing sneezes seizure choosing "
        "chucking checking cooking coking clocking chewing smoking poking joking looking shaking "
        "sucking soaking floppier sloppy poppy floor follows flop swallow swallows swallowing "
        "allowed followed shallowed emergence temperament temperatures temperate responsive "
        "conscious lethargy ambulant"
    )
)


def _fix_token(token: str) -> str:
    """Return the canonical spelling of one lower-case token (typo list, then fuzzy alarm words)."""
    if token in _TYPOS:
        return _TYPOS[token]
    return _fuzzy_alarm(token)


@lru_cache(maxsize=4096)
def _fuzzy_alarm(token: str) -> str:
    """Map a misspelt alarm word ("unresponsiv", "meningitus") to its right spelling."""
    if len(token) < 6 or token in _PROTECTED or token in _ALARM_WORDS:
        return token
    found = process.extractOne(token, _ALARM_WORDS, scorer=fuzz.ratio, score_cutoff=86)
    # Same first letter and a close length: a typo keeps the shape of the word it misspells.
    if found and found[0][0] == token[0] and abs(len(found[0]) - len(token)) <= 2:
        return found[0]
    return token


_CONTRACTIONS = (
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\b(is|does|did|has|have|was|were|are|do|could|would|should)n'?t\b"), r"\1 not"),
    (re.compile(r"\b(he|she|it|baby|that|who|what)'s\b"), r"\1 is"),
    (re.compile(r"\b(hes|shes)\b"), lambda m: m.group(1)[:-1] + " is"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"'(re|ve|ll|d|m)\b"), ""),
)
# Keep digits, letters, and the decimal point inside numbers ("38.5"); the rest becomes spaces.
_NON_WORD = re.compile(r"[^a-z0-9.]+|(?<![0-9])\.|\.(?![0-9])")


def normalise(text: str) -> str:
    """Lower-case, unify apostrophes, expand contractions, drop punctuation/emoji, fix typos."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    # "a&e" is a place you go in an emergency, keep it as one word before '&' is dropped.
    text = text.replace("a&e", " ane ").replace("a & e", " ane ")
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    text = _NON_WORD.sub(" ", text)
    text = _DIGIT_UNIT.sub(
        lambda m: f"{m.group(1)} {_UNIT_NAMES.get(m.group(2), m.group(2))}", text
    )
    return " ".join(_fix_token(token) for token in text.split())


# Words that refer to the baby, used inside some patterns.
_BABY = r"(?:him|her|them|the baby|my baby|baby|my son|my daughter|my lo|lo|ds|dd)"
_GAP = r"(?:\s+\S+){0,3}?"  # up to three words in between
_MEDICINE = (
    r"(?:medicine|medication|calpol|paracetamol|acetaminophen|ibuprofen|nurofen|tylenol|motrin|"
    r"pills?|tablets?|drops)"
)
_NUM_WORDS: dict[str, int] = dict(
    zip(
        _words("one two three four five six seven eight nine ten eleven twelve"),
        range(1, 13),
        strict=True,
    )
) | {"a": 1, "few": 3, "couple": 2}

# Each rule: (name, pattern over the normalised text). Matching any one means "urgent".
_RULE_SOURCES: tuple[tuple[str, str], ...] = (
    # Breathing
    (
        "breathing",
        r"\b(?:not|stopped|stop|stops|stopping|can not|struggl\w*|difficult\w*|trouble|"
        r"problems?|hard|labou?red|gasping|fighting|pauses? in|pausing|paused|barely|unable to)"
        + _GAP
        + r"\s+(?:breathing|breathe|breathes)\b",
    ),
    (
        "breathing-2",
        r"\b(?:breathing|breathe)\s+(?:has\s+|is\s+|sounds?\s+|seems?\s+|looks?\s+)?"
        r"(?:very\s+|really\s+|so\s+)?"
        r"(?:stopped|stops|funny|weird|odd|strange|noisy|laboured|labored|rattly|rattling|"
        r"shallow|irregular)\b",
    ),
    ("gasping", r"\bgasp(?:ing|s|ed)?\b"),
    ("ribs", r"\b(?:sucking|pulling|caving|sinking)\s+in\b" + _GAP + r"\s+(?:ribs?|chest|neck)\b"),
    ("ribs-2", r"\b(?:ribs?|chest)\b" + _GAP + r"\s+(?:sucking|pulling|caving|sinking)\s+in\b"),
    ("grunting", r"\bgrunting\b" + _GAP + r"\s+(?:breath\w*|every breath)"),
    ("airway", r"\b(?:apnoea|apnea|choking|suffocat\w*|smother\w*)\b"),
    # "I feel like I'm drowning" is a parent's distress (parent-wellbeing), not a baby in water.
    ("drowning", r"\b(?:nearly|almost|was|is|started)\s+drown\w*|\bdrowned\b|\bunder the water\b"),
    # Colour
    (
        "colour",
        r"\b(?:blue|grey|purple|dusky|ashen|mottled)\b"
        + _GAP
        + r"\s+(?:lips?|skin|face|tongue|mouth|gums)\b",
    ),
    (
        "colour-2",
        r"\b(?:lips?|skin|face|tongue|mouth)\b" + _GAP + r"\s+(?:blue|grey|purple|dusky|ashen)\b"
        r"|\blips?\b" + _GAP + r"\s+(?:white|pale)\b|\b(?:white|pale)\s+lips\b",
    ),
    (
        "colour-3",
        r"\b(?:turning|turned|turns|gone|going|went|go)\s+"
        r"(?:a bit\s+|very\s+|really\s+|all\s+)?(?:blue|grey|purple|dusky|ashen)\b",
    ),
    ("pale", r"\b(?:very|really|deathly|ghostly|extremely|so|unusually)\s+pale\b"),
    # Seizures
    ("seizure", r"\b(?:seizure|convulsing|convulse|epileptic)\b"),
    # "she is fitting in well at the class" is not a seizure.
    (
        "fitting",
        r"\b(?:is|was|been|keeps|kept|started|start|keep|stop|stopped|still)\s+fitting\b"
        r"(?!\s+(?:in|into)\b)",
    ),
    ("fit", r"\b(?:having|had|has|in|into)\s+(?:a\s+)?fits?\b"),
    ("eyes", r"\beyes?\s+(?:rolled|rolling|roll)\b"),
    (
        "jerking",
        r"\b(?:jerking|twitching|shaking|trembling|jerks|stiffening)\b"
        + _GAP
        + r"\s+(?:will not stop|can not stop|uncontrollabl\w*|non ?stop|all over)",
    ),
    (
        "stiff-jerk",
        r"\b(?:stiff|rigid)\b(?:\s+\S+){0,5}?\s+(?:jerk\w*|shak\w*|twitch\w*)"
        r"|\b(?:jerk\w*|twitch\w*)\b(?:\s+\S+){0,5}?\s+(?:stiff|rigid)\b",
    ),
    # Unresponsive / floppy
    (
        "unresponsive",
        r"\b(?:unresponsive|unconscious|lifeless|collapsed|passed out|fainted|limp|floppy|"
        r"no response|not reacting|not rousable|unrousable|"
        r"(?:lost|loses|losing|lose)\s+consciousness|"
        r"(?:will not|would not|can not|could not|hard to|difficult to|impossible to)"
        r"\s+(?:wake|be woken|rouse))\b",
    ),
    ("not-responding", r"\bnot respond\w*\b(?!\s+to\s+(?:the|this|massage|treatment|it)\b)"),
    ("drowsy", r"\b(?:unusually|abnormally|extremely)\s+(?:drowsy|sleepy)\b|\blethargic\b"),
    ("not-moving", r"\b(?:not moving|stopped moving)\b"),
    # Falls and head injuries
    (
        "head-hit",
        r"\b(?:hit|banged|bumped|bashed|knocked|smacked|hurt|injured|cracked|bang|bump)\s+"
        r"(?:his|her|their|the|its|baby|my baby|the baby)?\s*head\b",
    ),
    ("head-lump", r"\b(?:bump|lump|bruise|swelling|egg|cut)\s+on\s+(?:his|her|their|the)\s+head\b"),
    (
        "fell-on-head",
        r"\b(?:fell|fallen|falls|fall|landed|dropped)\b" + _GAP + r"\s+(?:on|onto)\s+"
        r"(?:his|her|their|the|its)?\s*head\b",
    ),
    (
        "fell-off",
        r"\b(?:fell|fallen|falls|fall|rolled|tumbled|slipped|slid)\s+(?:off|from|down|out of)\b"
        r"(?:\s+\S+){0,3}?\s+(?:bed|sofa|couch|settee|table|changing table|change table|"
        r"changer|changing mat|changing unit|changing station|chair|stairs?|steps|worktop|"
        r"counter|high ?chair|bouncer|arms|lap|windowsill|"
        r"dresser|cot|crib|pram|buggy|bench|surface)\b",
    ),
    # A fall onto a hard floor, from wherever ("she fell onto the tiles"); not "fell asleep".
    (
        "fell-on-floor",
        r"\b(?:fell|fallen|falls|fall|tumbled|slipped|landed)\b(?!\s+asleep)"
        r"(?:\s+\S+){0,6}?\s+(?:on|onto|to)\s+(?:the\s+)?(?:hard\s+|tiled\s+|wooden\s+|"
        r"kitchen\s+|bathroom\s+|concrete\s+)?(?:floor|tiles|ground|concrete)\b",
    ),
    # "dropped her" is the baby, "dropped her rattle" is not.
    (
        "dropped",
        r"\bdropped\s+"
        + _BABY
        + r"\b(?!\s+(?:off|at|rattle|toys?|dummy|pacifier|bottles?|phone|keys|blanket|socks?|"
        r"hat|muslin|teether|spoon|cup|book|bib|shoes?|mittens?|oil|milk|food|snack|teddy)\b)",
    ),
    (
        "fontanelle",
        r"\b(?:bulging|sunken|swollen)\s+(?:fontanel\w*|soft spot)\b|"
        r"\b(?:fontanel\w*|soft spot)\s+(?:is\s+|looks\s+)?(?:bulging|sunken|swollen)\b",
    ),
    ("fracture", r"\b(?:fractur\w*|skull|broken (?:bone|arm|leg|collarbone))\b"),
    # Swallowed things, poisoning
    (
        "swallowed",
        r"\bswallowed\s+(?:a|an|some|something|the|my|his|her|one of)\b"
        r"(?!\s+(?:lot of |bit of |little |load of )?(?:air|milk|wind|formula|feed|bottle)\b)",
    ),
    (
        "object",
        r"\b(?:swallowed|ate|eaten|drank|drunk|drinking|licked|chewed|"
        r"in (?:his|her) (?:mouth|throat|nose))\b"
        + _GAP
        + r"\s+(?:coin|battery|batteries|button|magnet|bead|pill|tablet|bleach|"
        r"detergent|pod|capsule|chemical|poison\w*|plastic|screw|marble|dishwasher|"
        r"cleaner|earring|nappy sack)s?\b",
    ),
    ("stuck", r"\bstuck\s+in\s+(?:his|her|their|the)\s+(?:throat|windpipe|airway|nose)\b"),
    ("poison", r"\b(?:poison\w*|overdose\w*)\b"),
    (
        "too-much",
        r"\b(?:gave|given|give)\s+(?:"
        + _BABY
        + r"\s+)?(?:way\s+)?too much\b(?!\s+(?:milk|formula))"
        r"|\b(?:took|drank|swallowed|had)\s+too much\s+" + _MEDICINE,
    ),
    # Bleeding, burns
    ("bleeding", r"\b(?:bleeding|bleeds|bled|haemorrhag\w*|hemorrhag\w*)\b"),
    (
        "blood",
        r"\bblood\b(?!\s+(?:flow|circulation|pressure|sugar|tests?|work|supply|vessels?|cells?|"
        r"type|group|orange|spot test))"
        r"|\bbloody\s+(?:nappy|nappies|poo|stool|stools|vomit|sick|nose|mucus|wee|urine|diaper)\b",
    ),
    ("burn", r"\b(?:scald\w*|burnt|burned)\b(?!\s+out)"),
    # Fever signals (the young-baby rule needs the age: see urgent_reason)
    ("meningitis", r"\b(?:meningitis|sepsis|septic|stiff neck|neck is stiff)\b"),
    (
        "rash-fade",
        r"\b(?:rash|spots|blotch\w*)\b(?:\s+\S+){0,8}?\s+(?:not fad\w*|"
        r"does not fade|did not fade|will not fade|not go away (?:under|with|when)|glass|"
        r"tumbler)\b",
    ),
    ("rash-glass", r"\b(?:glass|tumbler) test\b|\bnon ?blanching\b|\bpin ?prick\w* (?:rash|spots)"),
    ("purple-spots", r"\b(?:purple|dark red)\s+(?:spots|rash|blotch\w*|marks)\b"),
    (
        "very-high-fever",
        r"\b(?:very|really|extremely|super|dangerously|so)\s+high\s+(?:fever|temperature)\b",
    ),
    ("high-pitched", r"\bhigh pitched\s+(?:cry\w*|scream\w*|wail\w*)\b"),
    # Other red flags
    (
        "green-vomit",
        r"\bgreen\s+(?:vomit|sick|bile)\b|\b(?:vomit\w*|sick)\s+(?:is\s+)?green\b|\bbile\b",
    ),
    (
        "dehydration",
        r"\b(?:dehydrat\w*|no wet (?:nappies|nappy|diapers|diaper)|sunken eyes|"
        r"(?:has not|not) (?:had|done|made) (?:a |any )?wet (?:nappy|nappies|diaper|diapers))\b",
    ),
    (
        "allergy",
        r"\b(?:anaphyla\w*|swollen (?:lips|face|tongue|throat|eyes)|"
        r"(?:lips|face|tongue|throat) (?:is |are )?(?:swelling|swollen)|"
        r"swelling (?:up|of|in) (?:the |his |her )?(?:lips|face|tongue|throat|eyes))\b",
    ),
    (
        "emergency",
        r"\b(?:emergency|ambulance|paramedics?|resus\w*|cpr|ane|"
        r"call(?:ed|ing)? (?:999|911|112|000))\b"
        # "an emergency c section" or "emergency contact" is history or admin, not a crisis.
        r"(?!\s+(?:contact|contacts|c\s?section|csection|caesarean|cesarean|"
        r"section|cs|delivery|induction))",
    ),
    # "help" alone is usually a request for the bot's help; with urgency it is a cry for help.
    (
        "help",
        r"^(?:please\s+)?(?:help|sos)(?:\s+me)?(?:\s+(?:please|pls))?"
        r"\s+(?:help|now|quick|quickly|asap|urgent|urgently|fast)\b|^sos\b",
    ),
)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in _RULE_SOURCES
)

# A fever in words, not a room or bath temperature ("what temperature should the room be").
_FEVER = re.compile(
    r"\b(?:fever|pyrexia|burning up|hot to (?:the )?touch|"
    r"(?:feels?|felt|feeling|seems?)\s+(?:really\s+|very\s+|so\s+|quite\s+)?hot|"
    r"is\s+(?:really|very|so)\s+hot|"
    r"(?:a|high|has|had|have|running|got|with)\s+(?:high\s+|slight\s+|little\s+)?temperature|"
    r"temperature\s+(?:of|is|was|at|reading|went up to|hit)\s+(?:about\s+|over\s+)?"
    r"(?:3[7-9]|4[0-2]|10[0-6]))\b"
)
# A temperature in figures: with a unit, or a decimal like 38.5, or right after "temperature".
_CELSIUS = re.compile(
    r"\b(3[5-9]|4[0-2])(?:\.(\d))?\s*(?:c|degrees|deg|celsius|oc)\b"
    r"|\b(3[5-9]|4[0-2])\.(\d)\b"
    r"|\btemperature\s+(?:of\s+|is\s+|was\s+|at\s+)?(3[5-9]|4[0-2])(?:\.(\d))?\b"
)
_FAHRENHEIT = re.compile(
    r"\b(9[5-9]|10[0-8])(?:\.(\d))?\s*(?:f|degrees f|fahrenheit)\b"
    r"|\btemperature\s+(?:of\s+|is\s+|was\s+|at\s+)?(9[8-9]|10[0-8])(?:\.(\d))?\b"
)
_NUM = r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|few|couple)"
_AGE_OLD = re.compile(_NUM + r"(?:\s+of)?\s+(day|days|week|weeks|month|months)\s+old\b")
_AGE_IS = re.compile(
    r"\b(?:aged?|is|only|just|barely|at)\s+" + _NUM + r"\s+(day|days|week|weeks|month|months)\b"
    r"(?!\s+(?:ago|early|premature|prem))"
)
_YOUNG_WORDS = re.compile(
    r"\b(?:newborn|new born|neonate|under (?:3|three) months|"
    r"(?:younger|less) than (?:3|three) months|just born|brand new baby)\b"
)
# "6wk", "2mo", "10days": split the figure from its unit so the age patterns see two words.
_DIGIT_UNIT = re.compile(r"\b(\d{1,2})\s*(wks?|weeks?|w|mo|mos|mths?|mnths?|months?|m|d|days?)\b")
_UNIT_NAMES = {
    "w": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "m": "months",
    "mo": "months",
    "mos": "months",
    "mth": "months",
    "mths": "months",
    "mnth": "months",
    "mnths": "months",
    "d": "days",
}


def _is_very_young(text: str) -> bool:
    """True when the (normalised) text says the baby is under about 3 months old."""
    if _YOUNG_WORDS.search(text):
        return True
    for number, unit in _AGE_OLD.findall(text) + _AGE_IS.findall(text):
        value = int(number) if number.isdigit() else _NUM_WORDS[number]
        if unit.startswith("day"):
            return True
        if unit.startswith("week") and value <= 12:
            return True
        if unit.startswith("month") and value < 3:
            return True
    return False


def _celsius(text: str) -> float | None:
    """Return the highest body temperature given in figures, in Celsius, or None."""
    found: list[float] = []
    for match in _CELSIUS.finditer(text):
        groups = [g for g in match.groups() if g is not None]
        found.append(float(f"{groups[0]}.{groups[1] if len(groups) > 1 else 0}"))
    for match in _FAHRENHEIT.finditer(text):
        groups = [g for g in match.groups() if g is not None]
        value = float(f"{groups[0]}.{groups[1] if len(groups) > 1 else 0}")
        found.append((value - 32) * 5 / 9)
    return max(found) if found else None


# Fast breathing is also a cue a baby wants a break from the massage; with a sign of illness it
# is a red flag.
_FAST_BREATHING = re.compile(
    r"\b(?:breathing|breaths|breathe|breathes|panting)\s+(?:is\s+|seems\s+|very\s+|really\s+|"
    r"so\s+|super\s+)*(?:fast|quick|quickly|rapid\w*)\b|\b(?:fast|rapid|quick)\s+breath\w*"
    r"|\bpanting\b"
)
_ILL_SIGNS = re.compile(
    r"\b(?:drowsy|sleepy|floppy|limp|pale|blue|grey|mottled|not feeding|will not feed|refusing|"
    r"hot|fever|temperature|grunting|wheez\w*|lethargic|not responding|will not wake|unwell|"
    r"poorly|cough\w*|ill|sick|burning up)\b"
)


# Signs that turn "a temperature" into an emergency at any age.
_FEVER_SIGNS = re.compile(
    r"\b(?:drowsy|floppy|not feeding|will not feed|not eating|refusing (?:feeds|milk|to feed)|"
    r"rash|fitting|high pitched|very sleepy|really sleepy|will not wake|lethargic|"
    r"breathing fast|fast breathing|panting|cold (?:hands|feet)|blotchy|mottled|vomiting)\b"
)


# Every rule needs at least one word starting with one of these stems. Checking the words once
# is much cheaper than running every rule over a long message (a pasted 4,000-character text
# with no alarm word is turned away in a fraction of a millisecond).
_ANCHOR = re.compile(
    # Whole short words...
    r"(?:ate|eye|eyes|fit|fits|pin|hot|cut|egg|wet|ane|sos|cpr|soft|head|neck|nose|lump|"
    r"bump|call|help|high|land|landed|fell|fall|falls|drop|roll|rolled|slid|slip|sick|rash|"
    r"spot|spots|blue|grey|pale|white|lip|lips|limp|cav|much|stuck|bile|wake|woke|woken|drank|"
    r"drunk|licked|"
    r"chewed|bleach|\d{1,3}(?:\.\d)?)$"
    # ...or the start of a longer one.
    r"|(?:breath|gasp|sucking|pulling|caving|sinking|grunt|apnoe|apnea|chok|suffoc|smother|"
    r"drown|water|pant|purpl|dusky|ashen|mottl|seiz|convuls|epilep|fitting|jerk|twitch|shak|"
    r"trembl|stiff|rigid|unrespons|unconsc|conscious|lifeless|collaps|passed|faint|flopp|"
    r"respon|react|"
    r"rous|unrous|drows|sleepy|letharg|moving|bruis|swell|swoll|fallen|tumbl|slipp|dropp|"
    r"fontan|fractur|skull|broken|swallow|eaten|mouth|throat|poison|overdos|bleed|bled|"
    r"haemorrh|hemorrh|blood|scald|burn|mening|seps|septic|blotch|glass|tumbler|blanch|"
    r"green|vomit|dehydr|sunken|anaphyl|emergenc|ambulanc|paramed|resus|fever|temperat|"
    r"pyrex|newborn|neonat|weeks|days)"
)


# "HELP", "help!", "Help me!!": a shout for help with nothing else said.
_SHOUTED_HELP = re.compile(r"^\s*(?:HELP(?:\s+ME)?\b.*|(?i:help(?:\s+me)?)\s*!+)\W*$")


def _has_anchor(text: str) -> bool:
    """True when some word of the normalised text starts with an alarm stem."""
    return any(_ANCHOR.match(word) for word in set(text.split()))


def urgent_reason(text: str) -> str | None:
    """Return the name of the first red flag found in `text`, or None (for logs and tests)."""
    if not text or not text.strip():
        return None
    if _SHOUTED_HELP.match(text):
        return "help"
    norm = normalise(text)
    if not norm or not _has_anchor(norm):
        return None
    for name, pattern in _RULES:
        if pattern.search(norm):
            return name
    if _FAST_BREATHING.search(norm) and _ILL_SIGNS.search(norm):
        return "fast-breathing"
    celsius = _celsius(norm)
    if _FEVER.search(norm) or celsius is not None:
        # A fever in a baby under 3 months always needs a doctor promptly, and so does 39 C
        # and over, or a fever with a red-flag sign, at any age. A temperature alone in an
        # older baby is the "illness" FAQ, not an emergency.
        if _is_very_young(norm) and (celsius is None or celsius >= 38.0):
            return "young-fever"
        if celsius is not None and celsius >= 39.0:
            return "high-fever"
        if _FEVER_SIGNS.search(norm):
            return "fever-signs"
    return None


def is_urgent(text: str) -> bool:
    """True when the message describes an emergency that needs a doctor or ambulance now."""
    return urgent_reason(text) is not None
