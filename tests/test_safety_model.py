"""The safety model, as a parent would meet it: emergencies in any words are routed, crises too,
and everyday messages that share their words stay quiet.

The property tests compose phrasings from the model's own concept lists (so a health reviewer's
new word is tested the day it is added) and wrap them the way worried parents write: lower-case
panic, capitals, no punctuation, a long story before or after, a doubled letter.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.safety_pack import load_safety
from domain.concept_words import CompiledLexicon, find_hits, tokenize
from domain.concepts import Rule
from domain.safety import CRISIS, URGENT

CONTENT = Path(__file__).resolve().parents[1] / "content"
PACK = load_safety(CONTENT / "safety")
MODEL = PACK.model
ENGLISH = MODEL.lexicons[0]
# The English words as the model reads them, for `_guarded`.
ENGLISH_TERMS = CompiledLexicon(ENGLISH)

# Neutral words a parent puts between the signs ("she just went really blue").
FILLERS = ["just", "really", "now", "suddenly", "omg", "like", "all of a", "and", "then"]
# Scene-setting before or after: none of these says anything alarming.
STORIES = [
    "We were at grandma's for the afternoon and everything was fine.",
    "Sorry to message so late, I didn't know who else to ask.",
    "we did the leg strokes from last week after her bath",
    "Hi, it's Ana from the Tuesday class.",
    "He had his bottle at 6 and then we played on the mat for a bit.",
    "I know this isn't really a massage question but",
    "my partner is at work and my phone is on 5 percent",
    "The class has been lovely so far, thank you for everything.",
]


def _instantiate(pattern: str, rng: random.Random) -> str:
    """A real word for a word pattern: `stem*` gets an ending, `*ending` a front."""
    core = pattern.strip("*")
    if pattern.startswith("*") and pattern.endswith("*"):
        return "xx" + core + "en"
    if pattern.endswith("*"):
        return core + rng.choice(["", "ing", "ed", "s"])
    if pattern.startswith("*"):
        return "knopf" + core
    return core


def _term(concept: str, rng: random.Random) -> str:
    terms = [t for t in ENGLISH.concepts[concept] if len(t) > 1]
    return " ".join(_instantiate(p, rng) for p in rng.choice(terms).split())


def _guarded(rule: Rule, text: str) -> bool:
    """Whether `text` says one of the rule's own `unless` terms as written, read by the model's
    own term matcher: such a phrasing is a near-miss, not an emergency. So is one that says a
    word the rule's `owned` concepts keep from its slots (a baby's own kick is no blow)."""
    hits = find_hits(ENGLISH_TERMS, tokenize(text))
    return any(hit.concept in (*rule.unless, *rule.owned) and not hit.guessed for hit in hits)


VOCABULARY = {
    word for terms in ENGLISH.concepts.values() for term in terms for word in term.split()
}


def _in_english(slot: str) -> list[str]:
    """The concepts of a rule's slot ("a|b") that English has words for."""
    return [c for c in slot.split("|") if ENGLISH.concepts.get(c)]


def _said_in_english(rule: Rule) -> bool:
    """Whether English has words for each of the rule's slots: a rule for a grammar English does
    not have (the baby joined to the verb: "volevo scuoterla") has no English phrasing to
    compose; its cases are in tests/test_safety_frames.py."""
    return all(_in_english(slot) for slot in rule.all)


URGENT_RULES = [
    r for r in MODEL.rules if r.kind == URGENT and r.all and not r.young and _said_in_english(r)
]
CRISIS_RULES = [r for r in MODEL.rules if r.kind == CRISIS and _said_in_english(r)]


def _compose(rule: Rule, rng: random.Random) -> str | None:
    """One phrasing of a rule: a word for each concept, close together, in any order."""
    parts = []
    for slot in rule.all:
        concept = rng.choice(_in_english(slot))
        parts.append(_term(concept, rng))
    if len(rule.all) > 1 and rule.within >= 4:
        rng.shuffle(parts)
    words = sum(len(tokenize(p).words) for p in parts)
    if words - 1 > rule.within:
        return None  # these particular terms are too long to say within the rule's reach
    room = rule.within - (words - 1)
    out: list[str] = []
    for index, part in enumerate(parts):
        out.append(part)
        if index < len(parts) - 1 and room > 0 and rng.random() < 0.5:
            filler = rng.choice(FILLERS)
            if len(filler.split()) <= min(room, rule.within if rule.gap is None else rule.gap):
                out.append(filler)
                room -= len(filler.split())
    text = " ".join(out)
    # The words chosen (with a filler) may say this rule's own near-miss words.
    return None if _guarded(rule, text) else text


def _compose_some(rule: Rule, rng: random.Random) -> str:
    """A phrasing of the rule: draws again until the words chosen fit it (every example is
    then a real emergency, so the counts in the settings below are the phrasings tested)."""
    for _ in range(500):
        core = _compose(rule, rng)
        if core is not None:
            return core
    raise AssertionError(f"{rule.id}: no phrasing fits within {rule.within} words")


def _phrased(rule: Rule, rng: random.Random) -> str:
    """A phrasing of the rule written as a worried parent might. The story around it may join
    its first word into the rule's own near-miss words ("...after her bath" + "temperature"
    is "bath temperature"): such a message is no emergency, and another story is told. Only a
    join is: where a story says the near-miss words by itself, the emergency must still be read
    through them, so a near-miss list grown too broad still fails here."""
    stories_say_it = any(_guarded(rule, story) for story in STORIES)
    for _ in range(50):
        text = _wrap(_compose_some(rule, rng), rng)
        if stories_say_it or not _guarded(rule, text):
            return text
    raise AssertionError(f"{rule.id}: every story joined into its near-miss words")


def _wrap(core: str, rng: random.Random) -> str:
    """Write it as a worried parent might."""
    style = rng.randrange(6)
    text = core
    if style == 0:
        text = text.upper() + "!!!"
    elif style == 1:
        text = f"{rng.choice(STORIES)} {text}"
    elif style == 2:
        text = f"{text}. {rng.choice(STORIES)} what do i do"
    elif style == 3:
        text = " ".join(STORIES[:4]) + " " + text  # a long message, the emergency at the end
    elif style == 4:
        # A doubled letter in a long word the lists spell out whole, as thumbs do.
        for word in text.split():
            if len(word) >= 7 and word in VOCABULARY:
                text = text.replace(word, word[:3] + word[3] + word[3:], 1)
                break
    return text


# derandomize: the same thousands of phrasings on every run, so CI never flickers; the
# generator is explored more widely by hand when the words change.
@settings(
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    derandomize=True,
)
@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(URGENT_RULES))
def test_composed_emergencies_are_routed(seed: int, rule: Rule) -> None:
    rng = random.Random(seed)
    text = _phrased(rule, rng)
    assert MODEL.check(text).kind in (URGENT, CRISIS), (rule.id, text)


@settings(max_examples=1500, deadline=None, database=None, derandomize=True)
@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(CRISIS_RULES))
def test_composed_crises_are_routed(seed: int, rule: Rule) -> None:
    rng = random.Random(seed)
    text = _phrased(rule, rng)
    assert MODEL.check(text).kind in (URGENT, CRISIS), (rule.id, text)


# Near-misses: everyday class messages that share words with emergencies.
NEAR_MISS_PARTS: dict[str, list[str]] = {
    "who": ["she", "he", "my baby", "our little one", "Leo", "Olive", "my daughter", "my son"],
    "calm": [
        "loves her {colour} babygrow",
        "looks so cute in his {colour} onesie",
        "got a fit of the giggles during the leg strokes",
        "fits into our bedtime routine",
        "fell asleep halfway through the tummy strokes",
        "rolled over for the first time",
        "kicks and wriggles when I do her legs",
        "had a lovely long nap after class",
        "is fitting in well at the class",
        "dropped her rattle on the floor again",
        "shook his rattle all through the massage",
        "went a bit red in the face doing a poo",
        "was so relaxed after the bath",
        "chews everything, is that teething",
        "was sick of the car seat by the end of the trip",
    ],
    "me": [
        "I had an emergency c-section {when}",
        "I did a baby first aid course {when}",
        "I'm so tired I could cry",
        "I have a burning question about oil",
        "I'm a bit burnt out but happy",
        "this teething is killing me lol",
        "my back is killing me after carrying the car seat",
        "we went to A&E {when} for my older son's arm, all fine now",
        "my hands were shaking the first time I did the strokes",
        "I spilled tea on my new jumper",
        "I feel like I'm drowning in washing",
    ],
    "ask": [
        "what temperature should the room be?",
        "is sunflower oil ok?",
        "can we still come on Tuesday?",
        "how long should the massage be?",
        "is it normal?",
        "is massage good for blood circulation?",
        "should we wait after her jabs?",
        "what should I bring next week?",
    ],
    "colour": ["blue", "grey", "purple", "white", "pale blue"],
    "when": ["last year", "six months ago", "when she was born", "before he arrived"],
}


def _near_miss(rng: random.Random) -> str:
    parts = NEAR_MISS_PARTS
    if rng.random() < 0.5:
        text = f"{rng.choice(parts['who'])} {rng.choice(parts['calm'])}. {rng.choice(parts['ask'])}"
    else:
        text = f"{rng.choice(parts['me'])}. {rng.choice(parts['ask'])}"
    text = text.format(colour=rng.choice(parts["colour"]), when=rng.choice(parts["when"]))
    return text.lower() if rng.random() < 0.3 else text


@settings(max_examples=2000, deadline=None, database=None, derandomize=True)
@given(st.integers(min_value=0, max_value=2**32))
def test_composed_near_misses_stay_quiet(seed: int) -> None:
    text = _near_miss(random.Random(seed))
    assert not MODEL.check(text), (MODEL.check(text), text)


@pytest.mark.parametrize(
    "text",
    [
        # Each red-flag category, in a parent's own words.
        "she stops breathing for a few seconds then starts again",
        "his lips have gone a dusky grey colour",
        "she's gone a funny colour and isn't herself",
        "i can't wake him up properly, he just flops",
        "her arms keep jerking and she won't look at me",
        "my 5 week old has a temp of 38.2",
        "no wet nappy since this morning and she won't feed at all",
        "he rolled off the bed onto the floor and banged his head",
        "she's choking on a grape",
        "spilled my tea on his arm and it's blistering",
        "i think he swallowed one of those button batteries from the remote",
        "she chewed a dishwasher tablet",
        "his lips and eyes are swelling up after the egg",
        "purple spots that don't fade when i press a glass on them",
        "the cut on his head won't stop bleeding",
        "my partner shook her really hard",
        "his cry is really high pitched and weird",
        "the soft spot on her head is bulging",
        "he's vomiting green bile",
        # Other languages, by the same model.
        "mi bebé no respira",
        "mein Baby hat eine Knopfbatterie verschluckt",
        "mon bébé est tout bleu et ne réagit pas",
        # What was swallowed named with the toy it came from; a fraction of a bottle left; a
        # pause timed in seconds; breaths counted; a fit with a fever; nothing kept down.
        "se tragó la pila del juguete",
        "engoliu a pilha do brinquedo",
        "se ha tragado dos bolitas imantadas",
        "my 3yo squirted loads of calpol into her, now there's about a third left",
        "er hatte grad eine atempause, sicher 15-20 sekunden",
        "er atmet so schnell, hab gezählt über 70 mal in der minute",
        "hij had koorts en begon ineens te schokken",
        "sie spuckt grünes zeug und behält nix drin",
        "il ouvre à peine les yeux et il est tout froid",
        # Given by an older child; an age in Austrian words; Swiss German.
        "die große hat dem baby eine knopfbatterie aus der fernbedienung gegeben",
        "my toddler gave her a magnet from the fridge",
        "mei kloane is 7 wochn oid und hot 38,6 fieber",
    ],
)
def test_red_flags_in_everyday_words_are_urgent(text: str) -> None:
    assert MODEL.check(text).kind == URGENT, text


@pytest.mark.parametrize(
    "text",
    [
        "i can't do this anymore, everyone would be better off without me",
        "i'm scared i'm going to shake him",
        "sometimes i think about ending it all",
        "i'm not coping, i can't go on like this",
        "no puedo más, quiero desaparecer",
    ],
)
def test_a_parent_in_crisis_is_recognised(text: str) -> None:
    assert MODEL.check(text).kind == CRISIS, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Someone at home hurting or threatening the parent or the baby (crisis: the reply says
        # to call the emergency number if anyone is in danger now).
        ("my fiance punched me last night and the baby was in the room", CRISIS),
        ("mi novio me golpeó delante de la niña", CRISIS),
        ("mein Freund hat mich gewürgt, das Baby lag daneben", CRISIS),
        ("o meu companheiro ameaçou matar-me", CRISIS),
        ("we're hiding from him at my sister's, he said he would kill us", CRISIS),
        # The parent says they hurt the baby, in any of the languages.
        ("i slapped my son today and i feel sick about it", CRISIS),
        ("ho dato uno schiaffo al mio bambino", CRISIS),
        ("ik heb mijn dochter geslagen toen ze bleef huilen", CRISIS),
        # Thoughts of harm, a parent who hates the baby or feels nothing for them, psychosis.
        ("intrusive thoughts about hurting her won't stop", CRISIS),
        ("honestly i hate this baby", CRISIS),
        ("je ne ressens rien pour mon fils", CRISIS),
        ("my wife says she's hearing voices about the baby", CRISIS),
        # Accidents: under water, trapped, furniture, gas, a knock then a sign.
        ("pulled her out of the bath, her head went under", URGENT),
        ("the bookcase fell on top of her", URGENT),
        ("his head is wedged between the cot and the wall", URGENT),
        ("the carbon monoxide alarm went off and he's floppy", URGENT),
        ("she bumped her head on the table and now she's vomiting and drowsy", URGENT),
        ("found him face down on the sofa cushion, not moving", URGENT),
        ("her eyes rolled back and she went stiff", URGENT),
        ("the wardrobe toppled over onto him when he pulled on the door", URGENT),
        ("she was left in a hot car for twenty minutes and she's so sleepy", URGENT),
        ("the CO alarm keeps going off and I've got a splitting headache", URGENT),
        ("I pinched her leg on purpose to make her stop crying", CRISIS),
        ("he's outside with a knife and I'm in the bedroom with the baby", CRISIS),
        ("I'm scared to go home tonight, he said he'd hurt me", CRISIS),
        # Their near-misses: a baby who kicks, a partner who "hit the roof", a play fight, a
        # baby kicking a bowl, love.
        ("he kicks me every time I change his nappy, what a wriggler", None),
        ("my husband hit the roof when he saw the price of the pram", None),
        ("my partner and the baby had a tickle fight and she laughed so hard", None),
        ("how do I stop her kicking the oil bowl over?", None),
        ("I feel nothing but love for her", None),
        ("my husband is a bit tired, he'll bring the baby on Thursday", None),
        ("the TV is on the shelf above the changing table, is that safe?", None),
        ("we parked the car in the sun and her car seat was hot, she was fine", None),
        ("can I use a knife to open the oil sachet?", None),
        ("my dad whacked his shin on the pram, the language!", None),
        ("she headbutts my chin when she's sleepy, little rascal", None),
        ("grandma is beating the eggs for his first pancake", None),
        ("I hate the baby monitor, it beeps all night", None),
        ("I pinched her cheeks, she's so cute", None),
        ("we hit her four month sleep regression this week", None),
        ("hubby thinks she's a bit warm, is massage ok?", None),
        ("babies love to hear voices, so I sing during the massage", None),
        ("grandma can't look after him anymore on Tuesdays so he'll come with me", None),
        ("she rolled onto her tummy to look at herself in the mirror", None),
        ("he came off the breast and was so sleepy", None),
        ("I left him in the car with his dad while I ran into the shop", None),
        ("je suis sous l'eau en ce moment avec le boulot", None),
        ("sur le ventre elle ne bouge pas beaucoup, c'est normal ?", None),
        ("bati uma foto linda do meu bebê na aula", None),
        # Coercive control, a threat to take the baby, a weapon, a threat of a broken bone.
        ("my partner goes through my phone every night and won't let me see my family", CRISIS),
        ("il contrôle tout l'argent et ne me laisse pas sortir avec la petite", CRISIS),
        ("if I tell anyone he says he'll take the baby and I'll never see her again", CRISIS),
        ("sagt, wenn ich zur Polizei gehe, nimmt er mir die Kleine weg", CRISIS),
        ("he pulled a knife on me in the kitchen last night", CRISIS),
        ("he told me he'd break my arm if I went to class", CRISIS),
        # Psychosis told by a relative, an overdose said with a quantity, cutting again.
        ("my daughter says the TV talks to her about the baby, she hasn't slept", CRISIS),
        ("ho preso molte pillole stasera, mi gira la testa", CRISIS),
        ("je me suis encore coupée les bras hier", CRISIS),
        # A limb broken or bent wrong; its near-misses: a bottle held at an odd angle, a past
        # break.
        ("his arm is at a funny angle since he got it caught in the highchair", URGENT),
        ("creo que tiene la pierna rota, no la mueve y llora si la toco", URGENT),
        ("she holds the bottle at a funny angle, is that why she gets wind?", None),
        ("my husband checks the baby monitor app on his phone all night", None),
        # Asking how a rescue is done, to practise it; a knock shrugged off.
        ("how do you do CPR on a baby? could we practise it in class?", None),
        ("wie macht man Herzdruckmassage beim Baby? können wir das im Kurs üben?", None),
        # The same, said as happening, or with a sign after it.
        ("how do you do back blows on a baby, she's choking, help", URGENT),
        # A threat with what would set it off; pills with a drink; arrangements left; a battery
        # up a nose; a baby locked in a car; and their near-misses.
        ("he says if I call the police he'll kill me", CRISIS),
        ("took a strip of my sleeping tablets with vodka, baby's in her cot", CRISIS),
        ("if anything happens to me, my sister has the password for the baby's photos", CRISIS),
        ("i think a magnet went up her nose, i can't see it anymore", URGENT),
        ("I locked the keys in the car and the baby is still strapped in, it's so hot", URGENT),
        ("what plants are poisonous to babies? we have loads of pothos", None),
        ("can I take my antibiotics before class?", None),
        # Hurt on purpose with the words apart; one's own things given away; a door locked and the
        # keys kept; a fit running past a minute; a fever threshold asked in general.
        ("ayer me corté la pierna con el cúter a propósito, para sentir algo", CRISIS),
        ("giving away all my stuff this weekend, my jewellery too, come round", CRISIS),
        ("he locks the door when he goes to work and hides my keys", CRISIS),
        ("ele está a ter uma convulsão, já passou mais de um minuto", URGENT),
        ("giving away the baby bouncer, she's too big for it now", None),
        ("at what temperature should I call the doctor for a 6 week old? asking in general", None),
        # An injury hidden from the class; a refuge asked for; a bead up a nose; jelly stools.
        ("couldn't come, I had a black eye and didn't want anyone to ask", CRISIS),
        ("is there a women's refuge near here? asking for me", CRISIS),
        ("he's pushed a bead up his nose and I can't get it out", URGENT),
        ("screaming on and off for hours and her poo looks like redcurrant jelly", URGENT),
        ("she choked on a bit of toast, coughed it out straight away and carried on eating", None),
        # What an outside review found quieted or rung by this day's first version: a fear said
        # before a swallowed battery, a rescue asked about during one, a fall with "no mark", a
        # threat vented, and everyday plans, clear-outs and babies laughing in the cot.
        ("Tengo miedo, se ha tragado una pila de botón", URGENT),
        ("how do you do back blows, she's choking on a grape, we did it in class", URGENT),
        ("he fell from the top bunk onto concrete, not even a mark", URGENT),
        ("if he goes blue again like earlier what do I do, we did a course", URGENT),
        ("he checks my phone every night, he will kill me when he sees this", CRISIS),
        ("Er bringt mich um, wenn er sieht, dass ich euch schreibe", CRISIS),
        ("Der Schlafmangel bringt mich noch um", None),
        ("If I go back to work in May he will take her to the class on Mondays", None),
        ("We are a refugee family, can we still join the class?", None),
        ("Gave away all my things from pregnancy, feels good to have space!", None),
        ("She sleeps with her arm at a funny angle, is that ok?", None),
        ("He drank the whole bottle in 5 minutes, is that too fast?", None),
        ("She laughs to herself in the cot every morning, so cute", None),
        ("Is redcurrant jelly ok on toast for a 7 month old?", None),
        ("Burnt myself on the oven again, not on purpose obviously, can I still massage?", None),
        ("knocked his head on the floor, no bump but he keeps being sick", URGENT),
    ],
)
def test_violence_harm_done_and_accidents_are_read(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A belief about the baby that cannot be true, told by whoever sees it: psychosis.
        ("my partner is convinced our son was swapped at the hospital and won't hold him", CRISIS),
        ("mi cuñada dice que la bebé tiene un demonio y no duerme hace días", CRISIS),
        ("ma femme croit que le bébé est possédé, elle ne dort plus", CRISIS),
        ("Seine Frau sagt, das Baby sei vom Teufel besessen", CRISIS),
        ("she says he's a little devil at bedtime, any massage tips?", None),
        ("Oma sagt, sie ist besessen von ihrem Schnuller", None),
        # Chosen by God, a baby to be purified.
        ("I was chosen by god and the baby has to be purified in the river", CRISIS),
        ("il faut purifier le bébé pour chasser le diable", CRISIS),
        # Someone asked to take the baby for good; not the wish to keep a baby small for ever.
        ("can someone take her for good, I'm no use to her", CRISIS),
        ("¿alguien puede quedarse con mi hija para siempre? no puedo más", CRISIS),
        ("I wish I could keep the baby this small forever", None),
        # Too rough, and losing control.
        ("I grabbed her far too hard when she screamed, I'm scared of myself", CRISIS),
        ("lo cambié muy brusco, no me reconozco, tengo miedo de hacerle daño", CRISIS),
        ("pressed too hard on his tummy during the massage? he didn't seem to mind", None),
        # A threat to silence the baby for ever.
        ("he said if she cries again he'll shut her up for good", CRISIS),
        ("ojalá se quede callada toda la noche jaja", None),
        # A limb the baby will not use after a pull or a fall; the parent's own is not it.
        ("she fell off the sofa and now her arm just hangs there", URGENT),
        ("il est tombé du lit et ne bouge plus son bras", URGENT),
        ("my arm is not moving well since I pulled it lifting the car seat, ok to come?", None),
        # A colour that comes and goes with the cold, or a birthmark by its name; not the lips.
        ("her feet go a bit purple when she's cold and pink again once dressed", None),
        ("as mãozinhas ficam arroxeadas quando está frio, normal?", None),
        ("grey-blue patches on his back, the midwife said Mongolian spots", None),
        # Mania told by a partner; relief at the thought of dying; letters and a sudden calm.
        ("my wife is acting strangely, hasn't slept in days and says god chose her", CRISIS),
        ("mi mujer habla sin parar y no duerme hace días, dice que tiene una misión", CRISIS),
        ("if a car hit me on the way to class I'd honestly be relieved", CRISIS),
        ("hab Briefe an alle geschrieben und bin endlich ruhig", CRISIS),
        ("wrote thank-you cards to everyone who came to the christening", None),
        # Hurting oneself because it calms; hit while holding the baby.
        ("I've started cutting myself when she won't settle, it calms me down", CRISIS),
        ("il m'a giflée alors que j'avais le bébé dans les bras", CRISIS),
        # A wrong bottle of medicine; a baby left in a car in the heat; a floppy arm.
        ("dad mixed up the bottles, she had the big kids' calpol instead of hers", URGENT),
        ("she left him in the car while she shopped and it's 28 degrees out", URGENT),
        ("when I lift her arm it just drops back down, she's 7 weeks", URGENT),
        # Thrown things and "next time it'll be her"; a gun at home; being hunted down.
        ("he smashed his phone on the floor and said next time it'll be you", CRISIS),
        ("my ex turned up with a gun in his car and says he'll hunt us down", CRISIS),
        ("dice que si me voy con la niña nos encontrará donde sea", CRISIS),
        ("my husband shoved me into the door while I was holding the baby", CRISIS),
        ("next time it'll be her turn to do the night feed haha", None),
        # The will, the insurance, a letter for the baby; a parent who cannot get up to him.
        ("sorted my will and wrote a letter for my son, thank you all for everything", CRISIS),
        ("je n'arrive pas à me lever, elle est dans la même couche depuis hier soir", CRISIS),
        ("we made a will after she was born, any tips on baby-proofing the stairs?", None),
        # Found face down in the bath: never over because the baby "seems fine".
        ("found him face down in the bath, he coughed and cried, seems fine now", URGENT),
        ("she loves lying face down on the bath mat after her bath", None),
        # Nostrils flaring, ribs pulling in; days without sleep and a devil in the baby.
        ("her nostrils are flaring and the skin between her ribs pulls in", URGENT),
        # What an outside review found the day's rules read wrongly (the rest are in
        # tests/data/safety-review-v7.tsv): a blue spell "pink again"; a belief beside "like the
        # devil"; a lift home after class; purified water; a summer car trip; "forever" in love.
        ("his skin turned dusky blue for about 20 seconds then pink again", URGENT),
        ("She keeps saying the baby is the devil, he screams like the devil", CRISIS),
        ("My husband is coming back for us after class, can he wait in the hall?", None),
        ("Is purified water ok to make up her formula?", None),
        ("She'll be in the car for four hours and it's 30 degrees, how to dress her?", None),
        ("My mum would happily keep the baby forever, she's obsessed with him", None),
        ("my partner has stopped sleeping and says the devil is in the baby", CRISIS),
        ("her feet go a bit purple when she's cold and she's floppy", URGENT),
    ],
)
def test_beliefs_giving_up_rough_handling_limbs_and_cold_colour_are_read(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Away for an ordinary reason, told in the same sentence: an absence.
        ("We won't be around next Tuesday, visiting my sister in Cork", None),
        ("je ne serai plus là à partir de mars, on déménage à Lyon", None),
        ("não vou estar aqui na quinta, temos consulta na pediatra", None),
        ("mnie nie będzie we wtorek, mamy szczepienie", None),
        # No reason, or more than an absence: read as a goodbye.
        ("I won't be around much longer", CRISIS),
        ("i won't be here next week. please look after her", CRISIS),
        ("non ci sarò più, scusate", CRISIS),
    ],
)
def test_not_being_around_is_an_absence_only_with_its_reason(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The parent's own reply that never went, or their choice not to wake the baby: no sign
        # of the baby's.
        ("sorry I didn't respond to the check-in, mad week", None),
        ("perdona que no respondí al cuestionario", None),
        ("désolée je n'ai pas répondu, semaine de fou", None),
        ("scusa non ho risposto, settimana pesante", None),
        # The baby who does not respond, even beside the parent's own silence.
        ("sorry I didn't reply, he isn't responding to me and he's floppy", URGENT),
        ("no respondí antes porque no reacciona, está muy quieta", URGENT),
        ("running late, he's just dropped off and I don't want to wake him", None),
        ("ich will sie nicht wecken, sie schläft gerade so schön", None),
        ("je ne vais pas la réveiller, elle dort enfin", None),
        ("llegamos tarde, se durmió y no la quiero despertar", None),
        # A baby who does not respond or cannot be woken is an emergency, however it is said.
        ("she didn't respond when I called her name, just staring", URGENT),
        ("Ich habe sie mehrmals gerufen, sie hat nicht reagiert", URGENT),
        ("Mijn dochter heeft niet gereageerd, heb haar opgepakt", URGENT),
        ("I am not waking her up no matter what I do", URGENT),
        ("Non lo sveglio, cosa faccio?", URGENT),
        ("Ik probeer het al 10 minuten maar ik maak hem niet wakker", URGENT),
        ("he went quiet, sorry, not responding to my voice or touch", URGENT),
        ("la veo muy dormida, me asusta por no responder a estimulos", URGENT),
        # Asked "to be safe" about something that has happened: still an emergency.
        ("Er hat vielleicht eine Knopfbatterie verschluckt, frage nur vorsorglich", URGENT),
        (
            "Fieber und ein Ausschlag, der beim Drücken nicht verschwindet, frage vorsorglich",
            URGENT,
        ),
        ("I can't wake her up", URGENT),
        ("no puedo despertarla", URGENT),
        ("ich kann ihn nicht wecken", URGENT),
    ],
)
def test_what_the_parent_did_not_do_is_not_a_baby_who_does_not_respond(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


def test_an_emergency_at_the_end_of_a_very_long_message_is_seen() -> None:
    text = "We love the class and the strokes are going well. " * 80 + "now she's not breathing"
    assert len(text) > 4000
    assert MODEL.check(text).kind == URGENT


def test_odd_input_is_quiet_and_quick() -> None:
    for text in ["", "   ", "😀" * 4000, "a" * 4096, "\u200b" * 100, "12345 " * 600]:
        assert not MODEL.check(text)


def test_the_words_remembered_stay_bounded_and_read_the_same_after_a_fresh_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bot that runs for months meets endless new words (names, typos, other languages):
    how each was read is remembered up to a bound, then the memory starts afresh, and a red
    flag is read the same before and after."""
    monkeypatch.setattr("domain.concept_words.CACHE_SIZE", 40)
    lexicon = CompiledLexicon(ENGLISH)
    alarm = tokenize("she isnt breathing and her lips went blue")
    before = find_hits(lexicon, alarm)
    rng = random.Random(3)
    for _ in range(300):
        novel = " ".join("".join(rng.choices("abcdefghij", k=7)) for _ in range(6))
        find_hits(lexicon, tokenize(novel))
        assert all(len(cache) <= 40 for cache in lexicon._readings.values())
    assert find_hits(lexicon, alarm) == before
    assert {hit.concept for hit in before} >= {"breath_alarm", "alarm_colour"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A letter typed twice, in a long word or in a contraction.
        ("my baby isnt breeathing", URGENT),
        ("woulldn't mind six feet under tbh", CRISIS),
        # Short real words whose double letter, dropped, would be a listed word stay themselves:
        # "oddio" is not "odio" (hate), "loose" is not "lose", "steep" is not "step".
        ("Oddio, mio figlio oggi ha riso per la prima volta!", None),
        ("my jeans are loose again and the stairs here are steep", None),
    ],
)
def test_a_letter_typed_twice_is_read_as_the_word(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


def test_an_emergency_that_is_also_a_crisis_gets_both_replies() -> None:
    verdict = MODEL.check("i shook him and now he's floppy and i can't cope anymore")
    assert verdict.kind == URGENT and verdict.also_crisis


def test_every_language_file_has_the_same_concepts_as_english() -> None:
    english = set(ENGLISH.concepts)
    for lexicon in MODEL.lexicons:
        assert set(lexicon.concepts) == english, lexicon.lang


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A temperature said as what the baby has, with no fever word or unit.
        ("la nena tiene 39 y no come", URGENT),
        ("il a 39 et il pleure sans arrêt", URGENT),
        ("er hat 39,5 seit heute früh", URGENT),
        # The same verbs with an age, a time or a count after the figure.
        ("mi madre tiene 40 años y viene a la clase", None),
        ("il a 39 minutes de retard, on commence sans lui ?", None),
        ("sie hat 40 follower auf instagram lol", None),
    ],
)
def test_a_figure_the_baby_has_is_read_as_a_temperature(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Hindi ages in Latin letters, mixed into English: under three months, 38 is enough.
        ("beta sirf 5 hafte ka hai aur 38.3 temperature hai", URGENT),
        ("beti 2 mahine ki hai, thermometer pe 38.4 aaya", URGENT),
        ("beta 7 mahine ka hai, 38.1 hai, massage kar sakte hai?", None),
        # A span ahead before a count is a date to come, never the baby's age: no newborn here.
        (
            "je reprends le travail dans trois semaines et elle refuse le biberon, c'est bizarre ?",
            None,
        ),
        ("I'm back at work in three weeks and she refuses the bottle, is that odd?", None),
        ("vuelvo al trabajo en tres semanas y rechaza el biberón, ¿es raro?", None),
        # "A day" after "times", "twice" or "wait" is a rate or a wait, not a baby a day old.
        ("he has a bit of a temperature, can we massage tonight or wait a day?", None),
        ("he has a temperature, we feed him six times a day", None),
        ("she is a day old and has a temperature", URGENT),
        # A count after "gone", "after", "last" is how long, not how old.
        ("he is 7 months, had a fever of 38.5 last week, fever gone 3 days already", None),
        ("fever 38.2 for the last 3 days, she is 6 weeks", URGENT),
        (
            "ich fange in drei Wochen wieder an zu arbeiten, sie verweigert die Flasche, komisch?",
            None,
        ),
    ],
)
def test_the_baby_s_age_is_read_from_words_and_never_from_a_date_ahead(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Unusually drowsy and listless, the baby's: urgent advice (section 13).
        ("he's been really lethargic since this morning", URGENT),
        ("lleva todo el día aletargada, no sé si es normal", URGENT),
        ("elle est toute apathique depuis hier soir", URGENT),
        ("er ist seit gestern so teilnahmslos", URGENT),
        ("hij is al de hele dag lusteloos", URGENT),
        # The parent's own.
        ("I feel so lethargic since the birth, is that normal?", None),
        ("me siento aletargada con tan pocas horas de sueño", None),
        ("ich bin total lethargisch, zu wenig Schlaf", None),
        # Limbs that shake and will not stop, the verb in the plural ("tiemblan", "tremem").
        ("le tiemblan los brazos y no para", URGENT),
        ("as pernas dele tremem sem parar", URGENT),
        # Lying still and not even crying: too weak to.
        ("he just lies there, not even crying", URGENT),
        ("er liegt nur da und weint nicht mal", URGENT),
        # Content during the massage, or brave at the jabs.
        ("during the massage she just lies there smiling, doesn't even cry anymore 🥰", None),
        ("she had her jabs and didn't even cry!", None),
    ],
)
def test_a_listless_still_or_shaking_baby_gets_help_and_a_content_one_does_not(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        # A wish to be dead; intrusive thoughts said to be back.
        "ojalá me muera, no puedo más con esto",
        "the bad thoughts are back again, the ones about her",
        "die schlimmen Gedanken sind wieder da, ich hab Angst",
        # Not a problem or a burden for long, said of oneself; pulled towards the tracks.
        "don't worry about me, I won't be a burden for much longer",
        "je ne serai plus un poids bien longtemps",
        "every time I stand at the train tracks I feel pulled towards them",
        # Not planning to be alive, or still alive, by a day.
        "honestly not planning on being alive after this weekend",
        "não pretendo continuar viva depois do natal",
        "no voy a seguir viva mucho tiempo así",
        # Cutting oneself again; no way out, with the words between.
        "i cut my arm again last night",
        "ich habe mir heute wieder in den arm geschnitten",
        "no veo ninguna salida a todo esto",
        # Hitting oneself.
        "i've started punching myself in the head when he screams",
        "ich schlage mich selbst, wenn er nicht aufhört zu schreien",
        "ik sla mezelf als hij blijft huilen",
    ],
)
def test_a_wish_to_be_gone_said_in_everyday_words_gets_the_crisis_reply(text: str) -> None:
    assert MODEL.check(text).kind == CRISIS, text


@pytest.mark.parametrize(
    "text",
    [
        # The same words about weaning, neighbours, a steam train, colic, a busy month, a holiday.
        "Die Gedanken sind wieder da, ob ich abstillen soll oder nicht",
        "pronto dejaré de ser un problema para la vecina de abajo, nos mudamos en mayo",
        "we're at the railway line now waiting for the steam train to pass",
        "the colic will not be a problem for much longer hopefully",
        "I'm not going to be around much this month, work is mad",
        "we won't be around next week or the week after, we're on holiday",
        # Banging one's head against a wall as a figure of speech; a baby's own slaps.
        "banging my head against a brick wall with this bottle refusal lol",
        "she slaps herself when she's tired, is that a cue?",
    ],
)
def test_the_same_words_in_everyday_plans_get_no_crisis_reply(text: str) -> None:
    assert MODEL.check(text).kind is None, text


@pytest.mark.parametrize(
    "text",
    [
        # Weary of everything, in the parent's own words and languages.
        "honestly i'm just so fed up with everything lately",
        "estoy harta de todo, de verdad",
        "j'en ai ras le bol de tout, je tiens plus",
        "sono stanca di tutto e di tutti",
        "tô cansada de tudo isso",
        "ik ben het allemaal zo zat",
        # No point in anything; nothing matters any more.
        "what is even the point of anything",
        "¿qué sentido tiene todo esto?",
        "à quoi bon vivre comme ça",
        "alles ist so sinnlos geworden",
        "nothing matters anymore, sorry for the late reply",
        "la vita non ha più senso",
    ],
)
def test_weariness_of_everything_and_no_point_in_anything_get_the_crisis_reply(
    text: str,
) -> None:
    assert MODEL.check(text).kind == CRISIS, text


@pytest.mark.parametrize(
    "text",
    [
        # One thing named, a time, a laugh, or a comparison: venting, not a crisis.
        "so tired of everything tasting of milk haha",
        "harta de todo el día en casa con la lluvia",
        "j'en ai marre de tout le temps chercher la tétine",
        "what's the point of the oil if he hates it?",
        "what is the point of all this baby massage business?",
        "wozu das alles eigentlich? was bringt die Massage?",
        "nada importa mais que esses abraços",
    ],
)
def test_venting_about_one_thing_gets_no_crisis_reply(text: str) -> None:
    assert MODEL.check(text).kind is None, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The course and its days quiet a crisis only in their own clause.
        ("ich kann nicht mehr, komme Donnerstag nicht zum Kurs", CRISIS),
        ("je viendrai pas au cours jeudi, j'en ai marre de tout, de ma vie", CRISIS),
        ("ich kann nicht mehr warten bis Donnerstag, so schön war der Kurs", None),
        # Everything ends its clause, or goes on with an "and", not with the thing it is.
        ("tired of it all and of me", CRISIS),
        ("so fed up with everything costing a fortune, is the block cheaper?", None),
        ("marre de tout ranger tous les soirs", None),
        # "Nothing matters" is no comparison.
        ("plus rien ne compte, je suis vide", CRISIS),
        ("plus rien ne compte à part son sourire", None),
    ],
)
def test_a_crisis_is_read_by_its_own_clause_and_its_own_object(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # No way out, the baby better off with another mother, regret, self-hatred: words some
        # languages had and others lacked.
        ("honestly there's no way out of this for me", CRISIS),
        ("je ne vois plus d'issue, je suis épuisée", CRISIS),
        ("ich sehe keinen Ausweg mehr", CRISIS),
        ("she'd be better off with another mum honestly", CRISIS),
        ("il serait mieux avec une autre maman que moi", CRISIS),
        ("manchmal bereue ich es, ihn bekommen zu haben", CRISIS),
        ("i hate myself so much lately", CRISIS),
        ("ik haat mezelf en ik weet niet waarom", CRISIS),
        ("ich habe solche Angst, ihm wehzutun", CRISIS),
        ("jestem dla wszystkich ciężarem, przepraszam", CRISIS),
        # Hating oneself for one thing is no crisis.
        ("i hate myself for forgetting the towel again lol", None),
        ("ich hasse mich, dass ich das Handtuch vergessen hab", None),
    ],
)
def test_the_same_crisis_is_read_in_every_language(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A pillow or cushion a parent puts on the baby's face, told in the present tense as
        # German, Dutch, Polish and Italian parents say what they are about to do: no word of
        # intent, the act itself.
        ("noch eine Nacht so und ich drück ihr das Kopfkissen aufs Gesicht", CRISIS),
        ("straks leg ik gewoon een kussen op haar gezicht, dan is het stil", CRISIS),
        ("kładę jej poduszkę na twarz bo już nie mogę słuchać tego płaczu", CRISIS),
        ("stanotte gli schiaccio il cuscino sul viso, giuro", CRISIS),
        # A pillow that slid down, a game, a pillow fight, a safe-sleep question.
        ("das Stillkissen ist ihr nachts aufs Gesicht gerutscht, jetzt hab ich Angst", None),
        ("hij trok het kussen op zijn gezicht en lag te giechelen", None),
        ("we play peekaboo with the cushion over her head and she squeals", None),
        ("can he sleep with a pillow under his head yet?", None),
    ],
)
def test_a_pillow_put_on_the_babys_face_is_a_crisis_and_one_that_slid_is_not(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # German "halt" is a particle ("ist halt so") and "hält" without its umlaut: a baby who
        # will not keep still, a tired parent's aside, a late start are no crisis.
        ("mit 8 Monaten hält sie beim Massieren keine Minute mehr still", None),
        ("das geht halt nicht mehr so wie am Anfang, er dreht sich ständig weg", None),
        ("wir kommen halt nicht mehr pünktlich los mit zwei Kindern", None),
        ("er sieht halt nicht mehr aus wie ein Neugeborenes, so groß schon", None),
        ("ich halt das alles nicht mehr aus, jede Nacht dasselbe", CRISIS),
        ("halt's echt nicht mehr aus mit dem Geschrei", CRISIS),
        ("ich bin halt am Ende, ich kann halt nicht mehr", CRISIS),
        # Fewer wet nappies said with the verb, in any word order.
        ("since this morning he has only wet one nappy and won't take much milk", URGENT),
        ("desde ayer por la tarde solo mojó un pañal", URGENT),
        ("er hat seit gestern Abend nur eine Windel nass gemacht", URGENT),
        ("sinds vannacht heeft ze maar één luier nat gemaakt", URGENT),
        ("only pack one nappy and a muslin for class", None),
    ],
)
def test_a_german_particle_and_one_wet_nappy(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Feeding nonstop (cluster feeding) is the opposite of not feeding; Polish "od rana" is
        # since the morning, not a wound.
        ("mama sem parar desde ontem à tarde, é pico de crescimento?", None),
        ("lleva desde anoche con la teta sin parar, es normal?", None),
        ("il tète sans arrêt depuis ce matin, je suis épuisée", None),
        ("vuole il seno senza sosta da ieri sera", None),
        ("ssie pierś bez przerwy od rana, to normalne?", None),
        # Not feeding, and a cry that will not stop, are still read.
        ("não mama desde ontem à noite e chora sem parar", URGENT),
        ("od rana nic nie pije i jest bardzo senna", URGENT),
    ],
)
def test_feeding_nonstop_is_not_a_baby_off_feeds(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The "no" moved onto the doubt is still a parent who cannot go on.
        ("honestly I don't think I can do this anymore", CRISIS),
        ("no sé si puedo seguir así, no duermo nada", CRISIS),
        ("ich weiß nicht, wie lange ich das noch schaffe", CRISIS),
        ("je sais pas combien de temps je vais tenir comme ça", CRISIS),
        # A trip, a session or the massage doubted is not.
        ("I don't think I can go on the trip next week", None),
        ("not sure I can do the massage every day, any tips?", None),
        ("I don't think I can make it to class on Thursday", None),
    ],
)
def test_a_parent_who_doubts_they_can_go_on_gets_the_crisis_reply(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Under 3 months, hours or a night gone by without a feed.
        ("my 2 week old slept 7 hours straight without a feed, is that ok?", URGENT),
        ("mon bébé de 6 semaines fait ses nuits sans téter", URGENT),
        ("meine Tochter ist 5 Wochen und schläft 8 Stunden ohne zu trinken", URGENT),
        # Older, or no time gone by: a question about the massage and the feed.
        ("my 7 month old slept 11 hours without a feed!", None),
        ("she's 6 weeks, can I massage without feeding her first?", None),
    ],
)
def test_a_newborn_who_sleeps_for_hours_without_a_feed_gets_the_emergency_reply(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The "not" of something that does not bother the baby is not a feed refused.
        ("hiccups after every feed, doesn't bother him at all", None),
        ("hipo después de cada toma, no le molesta nada", None),
        ("hoquet après chaque tétée, ça ne le dérange pas du tout", None),
        ("soluço depois de cada mamada, não incomoda nada ele", None),
        ("singhiozzo dopo ogni poppata, non gli dà per niente fastidio", None),
        # A baby "not bothered" about feeds is a baby off them.
        ("she's not bothered with feeds today, nothing for 12 hours", URGENT),
        ("no le importa la teta desde anoche, nada en 12 horas", URGENT),
        ("hiccups don't bother him but he hasn't fed since yesterday", URGENT),
    ],
)
def test_what_does_not_bother_a_baby_is_not_a_feed_refused(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Likenesses and idioms: singing, fast asleep, a face pulled at a purée, a programme.
        ("Redet man während der Massage mit dem Baby? Also singen und so?", None),
        ("does singing to her during the massage help her talk?", None),
        ("desmaiou de sono no meu colo depois do banho 😍", None),
        ("puso una cara como si le diéramos veneno 🤢😂", None),
        ("zagen op tv een docu over de spoedeisende hulp, zitten janken 🙈", None),
        # The same words in an emergency.
        ("singed his hand on the hob, it's blistering", URGENT),
        ("ela desmaiou agora e não acorda", URGENT),
        ("we were watching a film and had to call an ambulance for him", URGENT),
        ("a documentary about A&E, and now we're in A&E with her", URGENT),
        # A grandmother's "it's nothing" after a fit is no doctor's check.
        ("teve uma convulsão agora há pouco, minha sogra disse que é normal", URGENT),
    ],
)
def test_idioms_and_likenesses_are_not_red_flags(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A short cry after a fall says nothing when sleepiness and sick come after it.
        ("vom Wickeltisch gefallen, kurz geweint, jetzt ist er voll müde und hat gespuckt", URGENT),
        # Spit-up after a feed, and a night of it that is over, are not an emergency.
        ("sie hat gespuckt nach dem Stillen wie immer", None),
        ("er hat die ganze Nacht gespuckt, jetzt geht es ihm wieder gut", None),
    ],
)
def test_a_fall_then_sleepy_and_sick_is_not_a_quick_recovery(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A course talked about, and the parent's own baby named right before a sign after it.
        ("did a baby first aid course on saturday, choking and CPR, really recommend it", None),
        ("the first aid course showed us what to do and my little girl went blue", URGENT),
        ("on a appris les gestes au cours de premiers secours et mon bébé est tout bleu", URGENT),
        # "He" or "she" right before the sign is the baby too.
        ("on a appris les gestes au cours de premiers secours et elle devient toute bleue", URGENT),
        ("im Erste-Hilfe-Kurs haben wir Rückenschläge gelernt und er bekommt keine Luft", URGENT),
        ("al corso di primo soccorso ci hanno insegnato tutto e lui non respira", URGENT),
    ],
)
def test_a_course_told_before_the_own_baby_in_trouble_explains_nothing(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Cries named as kinds, remedies that did nothing, a baby's dose: ordinary questions.
        ("los distintos tipos de llanto, ¿cómo los aprendo a reconocer?", None),
        ("os diferentes choros dele ainda me confundem, a massagem ajuda?", None),
        ("Fencheltee, Wärmflasche, Tragen, nichts hilft, sie trinkt abends so unruhig", None),
        ("gripe water, tummy time, nothing helps, she won't feed calmly in the evening", None),
        ("Wie viele Tropfen Vitamin D braucht sie, wenn sie 4 Monate ist?", None),
        # The same words beside a red flag.
        ("conozco los distintos llantos pero este es distinto, agudo, y no para", URGENT),
        ("she refuses every bottle, nothing helps, 10 hours now", URGENT),
        ("Wie viele Tabletten braucht man, damit alles vorbei ist?", CRISIS),
        # Shaken, told in a Dutch subordinate clause.
        ("ik zag dat de oppas haar hard heen en weer schudde en nu is ze zo stil", URGENT),
    ],
)
def test_kinds_of_cry_remedies_and_doses_are_not_red_flags(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # An "emergency" that is a nappy's or a coffee's calls no one.
        ("bit of a nappy emergency in the car park, anyone got wipes?", None),
        ("emergencia de pañales otra vez jajaja, alguien me presta uno el jueves?", None),
        ("petite urgence café avant le cours, quelqu'un vient ?", None),
        # A real one beside it still does.
        ("nappy emergency, then he stopped breathing, ambulance on the way", URGENT),
        ("emergencia de pañales y ahora vamos en la ambulancia con ella", URGENT),
    ],
)
def test_a_nappy_emergency_is_no_emergency(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Stressed: a word of degree inside a phrase leaves it the same phrase.
        ("cuando lo baño se me pasan unas ideas muy muy feas por la cabeza", CRISIS),
        ("ich bin so am ende mit den nerven, ich weiss nicht wie ich weitermachen soll", CRISIS),
        # The same words where they mean something else.
        ("Soy muy insegura con el bebé, ¿el curso me dará confianza para bañarlo?", None),
        ("die Milch ist noch nicht richtig da, darf ich trotzdem zum Kurs kommen?", None),
        ("er ist heute irgendwie nicht so richtig da, reagiert kaum", URGENT),
        # "Breathing well" negated is no calm word.
        ("nie oddycha dobrze, jakby się męczył", URGENT),
        ("non respira normalmente da stamattina", URGENT),
        ("el bebé acaba de dejar de respirar, qué hago", URGENT),
        ("manchmal wünsche ich mir, tot zu sein", CRISIS),
    ],
)
def test_words_of_degree_inside_a_phrase(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A tablet or a bottle with the baby's marks on it: swallowed until someone knows.
        (
            "der Geschirrspültab hat Bissspuren und die Folie ist auf, er hat ihn in der Hand",
            URGENT,
        ),
        ("a dishwasher tablet on the kitchen floor, teeth marks all over it", URGENT),
        ("estava a morder o frasco dos comprimidos do avô", URGENT),
        # "Dangerous if they swallow" is no reason to be calm: parents ask it, then say it
        # happened.
        ("he swallowed a magnet, I read they're really dangerous if they swallow two", URGENT),
        ("is it dangerous if they swallow a battery? he just did", URGENT),
        # A cough that cleared it, and a doctor who looked: over.
        (
            "choked on her milk but coughed it straight up and was smiling a second later",
            None,
        ),
        ("Zuckungen beim Einschlafen, die Kinderärztin hat geschaut, meinte ganz normal", None),
        ("coughed the grape straight up but now he is wheezing and grey", URGENT),
    ],
)
def test_signs_on_the_thing_and_what_if_questions(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A friend's or a sister's struggle, told to ask how to help her.
        ("my best friend just can't cope since her baby came, how can I support her?", None),
        ("meine Schwester ist total am Ende seit der Geburt, wie kann ich ihr helfen?", None),
        ("mijn schoonzus zit er helemaal doorheen, waar kan ze terecht?", None),
        # The parent's own words beside it keep the crisis reply.
        ("my friend can't cope since the birth and me neither, where can she get help?", CRISIS),
        ("my sister can't cope and honestly same here, I can't go on, how can I help her", CRISIS),
    ],
)
def test_a_friend_in_crisis_asked_about(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Shaking told as "tremava" beside stiffness, an arm that drops when lifted.
        ("si è irrigidito e tremava tutto, adesso dorme", URGENT),
        ("le levanto el bracito y se cae solo, como sin fuerza", URGENT),
        # A sign that will not stop is not over, whatever a doctor said of it before.
        ("Krampfanfall, die Kinderärztin meinte das ist normal, aber er hört nicht auf", URGENT),
        ("he's having a seizure, the doctor said it was normal but it won't stop", URGENT),
        # Checked and over.
        ("Zuckungen beim Einschlafen, die Kinderärztin hat geschaut, meinte ganz normal", None),
    ],
)
def test_signs_that_go_on_and_signs_that_are_over(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A word stem read more than the word meant: "déconseillé" is no decoration that
        # explains a colour, "testa" no tense soft spot, "scatoloni" no staircase.
        ("ses lèvres sont bleues, est-ce déconseillé de masser ?", URGENT),
        ("si può passare sulla fontanella nel massaggio della testa?", None),
        ("sto fuori di testa con il trasloco, scatoloni ovunque", None),
        ("she swallowed a moth ball from the wardrobe", URGENT),
        ("no peein since last night", URGENT),
        ("krew w kupeczce", URGENT),
        ("oparła się o kaloryfer i ma pęcherz na rączce", URGENT),
        ("heureusement il ne boit plus la nuit, il fait ses nuits", None),
        # Words the outside reviewers found missing: a bloody stool (the swear stays calm), a
        # lump told with "z guzem", a punch, a whole nut.
        ("bloody poo again and he won't feed", URGENT),
        ("bloody poonami up the back again 🙄", None),
        ("z guzem na czole i wymiotuje", URGENT),
        ("o irmão deu um soco na cabeça dele e ele está sonolento", URGENT),
        ("he swallowed a hazelnut whole", URGENT),
        ("il a avalé un bouton de mon gilet", URGENT),
        ("elle a avalé une pièce", URGENT),
        ("l'an passé mon grand a avalé une pièce, on a fini aux urgences, je suis parano", None),
        ("no consigo que se despierte", URGENT),
        ("hij werd slap aan de tepel", URGENT),
        ("he blacked out on the nipple", URGENT),
        ("theewater over zijn handpalmpje", URGENT),
        # "Blau, machen wir was?" across a comma is not "blau machen" (skipping work).
        ("seine Lippen sind blau, machen wir was?", URGENT),
        # A baby who cannot be woken, not a parent letting one sleep.
        ("ik kan hem niet wakker maken", URGENT),
        ("llegamos un toque tarde, se acaba de dormir en el auto y no la pienso despertar", None),
        # The parent worn out, not a knock; a knock all the same.
        ("Je suis claquée, j'ai une tête de déterrée, mais le massage d'hier était magique", None),
        ("il s'est cogné la tête contre le mur", URGENT),
    ],
)
def test_words_read_as_what_they_mean(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A colour that comes with feeds is the baby's...
        ("il est tout bleu après le biberon", URGENT),
        ("fica roxo depois da mamadeira", URGENT),
        ("her lips blue after bottle", URGENT),
        # ...not the bottle's, or the parent's own.
        ("the massage oil bottle is blue, is that the right one?", None),
        ("the blue bottle leaks during feeds, any tips", None),
        ("estoy palida despues de la toma, agotada", None),
    ],
)
def test_a_colour_at_a_feed(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Fine this morning says nothing of now.
        ("my 5 week old has 38.2, all fine this morning", URGENT),
        ("mein Baby (6 Wochen) hat 38,5, heute morgen war alles gut", URGENT),
        # Going away from everyone for good is a goodbye; moving abroad is not.
        ("I'm planning to go away from everyone for good", CRISIS),
        ("quiero alejarme de todos para siempre", CRISIS),
        ("we are moving away from everyone for good, new job in australia", None),
    ],
)
def test_fine_before_and_going_away_for_good(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Not wanting to go on with nothing after it is the will to live; with a thing after it,
        # that thing.
        ("no quiero seguir", CRISIS),
        ("ya no quiero seguir, estoy agotada", CRISIS),
        ("je veux plus continuer", CRISIS),
        ("ich will nicht mehr weitermachen", CRISIS),
        ("no quiero seguir con el curso", None),
        ("ya no quiero seguir dándole pecho", None),
        ("je veux plus continuer l'allaitement, c'est trop dur", None),
        ("ich will nicht mehr weitermachen mit dem Stillen", None),
        # Death wished soon, past the joke.
        ("I'll sleep when I'm dead, which at this rate can't come soon enough", CRISIS),
        ("I'll sleep when I'm dead lol", None),
        # A fit told as stiffness with a fixed stare or no response, a cough growing weaker.
        ("his body went stiff and he stopped responding for a minute", URGENT),
        ("ele ficou duro, todo esticado, olhando fixo sem piscar", URGENT),
        ("piece of apple stuck, she's coughing but it's getting weaker", URGENT),
        ("my arm is getting weaker from carrying him all day", None),
    ],
)
def test_going_on_a_fit_told_plainly_and_a_weakening_cough(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A grown-up's coffee is not the baby's choke; the baby's, said beside it, still is.
        ("my husband laughed so hard he choked on his coffee", None),
        ("Verslikte me bijna in mijn koffie toen mijn schoonmoeder belde", None),
        ("she choked on a grape while I drank my coffee", URGENT),
        ("I choked on my coffee and so did she, on a grape", URGENT),
        ("HELP he choked on my tea biscuit and hes not making any noise at all", URGENT),
        # Dutch "iets" before a comparative is "somewhat".
        ("Ik ben iets later, de brug staat open!", None),
        ("iets later had ze iets ingeslikt", URGENT),
    ],
)
def test_a_grown_ups_coffee_and_a_dutch_somewhat(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A breathing monitor gone off again and again is a baby whose breathing stops...
        (
            "home from NICU on an apnoea monitor. "
            "The alarm has gone off four times in the last hour",
            URGENT,
        ),
        # ...even when the parent hopes it is nothing ("I hope": a worry, not a scare over)...
        ("the apnoea monitor went off four times, I hope it's a false alarm", URGENT),
        # ...but not the monitor's own fault named beside it.
        ("the owlet keeps going off because the sock keeps slipping, so annoying", None),
        ("the owlet keeps going off, sock is on properly, and her lips look grey", URGENT),
    ],
)
def test_a_breathing_monitor_that_keeps_going_off(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # An essential oil or a product smelled on the baby's breath, named a sentence before.
        (
            "rubbed some tea tree oil on his feet, now his breath smells of it and the bottle's"
            " open",
            URGENT,
        ),
        ("l'huile essentielle de lavande était ouverte, son haleine sent la lavande", URGENT),
        ("her breath smells of milk after the feed, is that normal?", None),
        # A small object and a cough; coughing until the colour changes.
        ("he had a button in his mouth and now keeps coughing", URGENT),
        ("está tosiendo sin parar y se pone morado", URGENT),
        ("he coughs and coughs and goes red and then purple", URGENT),
        # Breathing stopped, in Swiss German.
        ("er schnuufet nüme, was mach i", URGENT),
        ("are those small wooden bead teethers a choking hazard for a 6 month old?", None),
        # The parent's own heart attack or stroke, two signs of it, a baby in their care.
        ("crushing pain in my chest and my left arm is numb, I'm alone with the baby", URGENT),
        ("tengo dolor en el pecho y el brazo izquierdo dormido, estoy sola con el bebé", URGENT),
        ("so dizzy from no sleep lol, is that normal in the first weeks?", None),
        # A baby held out over a balcony or a window.
        ("my ex held her out over the balcony last night because I wouldn't answer", CRISIS),
        ("we held the baby up to the window to see the fireworks from the balcony", None),
        # "Is going to kill me" said of a nappy or the teeth; "I'm going to kill myself" read.
        ("the teething is going to kill me, any tips for sore gums?", None),
        ("cette nuit blanche va me tuer, vous avez des astuces ?", None),
        ("the colic is going to kill me. I want to kill myself", CRISIS),
        ("je vais me tuer, je n'en peux plus", CRISIS),
        # The heat one cannot take, in its clause; a crisis said beside it is still one.
        ("non ce la faccio più con questo caldo, la sala ha l'aria condizionata?", None),
        ("non ce la faccio più, con questo caldo e lei che piange voglio farla finita", CRISIS),
        # Purple spots on a baby, said in two words, or ones "not going away"; white milk
        # spots are not.
        ("she has purple spots", URGENT),
        ("she got purple spots not going away and very sleepy", URGENT),
        ("tiny white spots on his nose, the midwife says milia, ok to use oil?", None),
        # A white tongue is milk or thrush, not a colour alarm; blue beside it is.
        ("his tongue is white after feeds, milk or thrush?", None),
        ("her tongue is white and she's gone grey", URGENT),
        # "Sometimes sick a little" is no repeated vomiting; times counted are.
        ("¿y si lo hago después de la toma? a veces vomita un poco", None),
        ("vomitó 4 veces desde la mañana", URGENT),
        # "When he is awake", then "I don't know": no baby who will not wake.
        ("mejor cuando está despierto porque no sé si dormido le gusta", None),
        ("no se despierta y está muy caliente", URGENT),
        # A bond not quite there after an emergency caesarean; a poo not done for days
        # ("kein Geschäft"); thoughts of harming the baby in Swiss German.
        (
            "nach dem Notkaiserschnitt ist die Bindung zu meinem Sohn nicht so richtig da, hilft"
            " Massage?",
            None,
        ),
        ("er hat seit drei Tagen kein Geschäft gemacht, welche Griffe helfen?", None),
        ("ich ha Angst vor mir sälber, ich han Gedanke em Baby öppis az tue", CRISIS),
        # Massage strokes asked for beside drool "everywhere"; jerks that will not stop, plural.
        ("elle bave partout avec ses dents, des mouvements pour la soulager ?", None),
        ("elle fait des secousses qui ne s'arrêtent pas", URGENT),
        # Green spit-up is bile; jerking eyes that keep coming back are a fit.
        ("sie spuckt grünlich nach dem Trinken, ist das normal?", URGENT),
        ("il a des petites secousses des yeux qui reviennent sans arrêt depuis ce matin", URGENT),
        # A car's emergency, the venue by A&E.
        ("running late, the car has an emergency with the tyre, save us a mat", None),
        ("is the room next to A&E? he's gone blue", URGENT),
    ],
)
def test_a_smell_a_bead_a_parent_s_own_collapse_and_everyday_hyperbole(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Every reading normal past 3 months: the fever words are a feeling the thermometer
        # answered. A second reading, a newborn, or another sign keep the reply.
        (
            "she is 8 months, cheeks went bright red and hot, but her temperature is 36.9 and she"
            " is giggling",
            None,
        ),
        ("5 week old feels hot, 36.9 under the arm but 38.4 in the ear", URGENT),
        ("3 week old burning up with fever, temp 37.1 after calpol", URGENT),
        ("8 month old feels feverish and floppy, 36.8", URGENT),
        # A fever someone else's child had, told as over, says nothing of the newborn's after it.
        ("my nephew had 39.5 last week, all fine now", None),
        (
            "my nephew had 39.5 last week, all fine now, and the little one here has 38.4 today,"
            " she is 5 weeks",
            URGENT,
        ),
    ],
)
def test_a_normal_reading_answers_a_fever_word_and_each_fever_is_read(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text
