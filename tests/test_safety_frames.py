"""Frames: what the words around a red flag say about it (content/safety/rules.toml [[frame]]).

A scare told once it was over, a parent asking where to learn first aid, a baby "choking" with
laughter, or a family emergency with the baby fine stay quiet; the same red flags with anything
that says it is happening now still get the emergency reply. A parent speaking of their own
sleep gets the crisis reply, not a baby's emergency.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content.safety_pack import load_rules, load_safety
from domain.safety import CRISIS, URGENT

MODEL = load_safety(Path(__file__).resolve().parents[1] / "content" / "safety").model

QUIET = [
    # An episode a professional has checked; a fear of a fall; a partner vented at with a wink;
    # away for a reason; a baby in the news; Spanish cheeks and milk, not a French pill licked.
    "she went blue round the lips in the bath last month, the paediatrician checked her and all"
    " fine",
    "Terrified of falling down the stairs with her, any carrying tips?",
    "my boyfriend snored through every feed, I'll strangle him 🙄",
    "I won't be around on Thursday, we have the hearing test appointment",
    "saw on the news that a baby swallowed a magnet, so scary. is class still at 10?",
    "la tía dice que tiene los cachetes rojos por la leche",
    # Purple in the face from straining to poo.
    "she goes purple in the face when she strains to poo, can the tummy strokes help?",
    "anyone done a baby CPR class round here? I'd like to learn what to do if he ever stops"
    " breathing",
    "her lips went purple, turned out it was the blackberry yoghurt 😂",
    "she was nearly choking with laughter at the dog",
    "mañana no vamos, urgencia con mi suegra en el hospital, el bebé está bien",
    "sie hatte einen blauen Fleck im Gesicht, war nur Heidelbeermarmelade haha",
    "on cherche une formation aux premiers secours, je veux savoir quoi faire si jamais il"
    " s'étouffe",
    "queria desaparecer de vergonha quando ela vomitou na professora",
    "my husband scalded his hand on the kettle, nothing serious, can he still come thursday?",
    "er trinkt alle drei stunden und ich weiss nie, wann ich massieren soll",
    # One day, not today; a knock told with the baby back to normal; asking what to look for;
    # something from years ago.
    "what would I do if he ever swallowed a battery? I want to be ready",
    "he rolled off the sofa onto the rug, cried for a moment and he's giggling again",
    "what are the signs of a seizure in a baby? just so I know",
    "two years ago my nephew had a febrile seizure and we all panicked, is massage ok when she"
    " has a cold?",
    # The parent's own body and feelings in words that sound like a red flag.
    "estoy que exploto de felicidad, hoy se ha dado la vuelta sola",
    "se me agrietan y sangran los pezones con la lactancia, ¿puedo ir igual?",
    # A parent who burned themselves: the blister and the hand that follow are theirs too.
    "burnt my fingers on the oven dish at lunch, got a blister, can I still do the massage"
    " tonight?",
    "me quemé el dedo con la sartén, ¿puedo usar aceite igual?",
    "mi sono scottato la mano col forno, posso fare il massaggio lo stesso?",
    # Swallowed, but by the dog.
    "our dog swallowed a sock last night, vet says all fine, sorry we missed class",
    # Strong words about a grown-up, joy, a grown-up's fall, a scare in someone else's child
    # long ago.
    "could strangle my husband, he snored through every feed 🙄",
    "she was squealing with joy at the leg strokes, never heard that sound before",
    "mi marido se cayó de la bici y tiene la clavícula rota así que voy sola",
    "meine Cousine hat erzählt, ihr Sohn hatte als Baby einen Fieberkrampf, heute ist er 10 und"
    " kerngesund",
    # The parent's own condition, read in every language; everyday tiredness; asking about a myth.
    "je suis épileptique, est-ce que je peux faire le massage seule avec lui ?",
    "ik ben kapot maar hij sliep vannacht eindelijk door",
    "mijn oma zegt dat je een baby kan laten stikken met buikmassage, is dat een fabel?",
    "hab mir beim Bügeln den Arm verbrannt, geht schon, darf ich trotzdem massieren?",
    # The parent's own cut; an ambulance that is part of a story that ended well; asking ahead.
    "cut myself chopping onions, bled loads and needed two stitches, can my husband do the"
    " massage this week?",
    "la semana pasada tuvo una convulsión febril, fuimos en ambulancia, le hicieron pruebas y"
    " está perfectamente, ¿podemos volver?",
    "pergunta para o futuro: o que se faz se ele se engasgar com comida?",
    # Long ago, said after the red flag.
    "my sister choked on a marble when she was three, twenty years ago, still haunts me. which"
    " toys are safe for him?",
    # Italian "a che ora" (at what time) is not "now"; breathless with laughter.
    "domani c'è il corso? a che ora? ieri ho visto un film dove un neonato non respirava, che"
    " angoscia",
    "mio marito mi ha fatto quasi soffocare dalle risate stamattina",
    # Asking ahead, numbers and all.
    "quick q, what's the number I'd ring if he ever had a fit? I always mix up 911 and 999",
    "was macht man, wenn das Kind mal keine Luft bekommt? nur damit ich es weiß",
    # A temperature in figures, over and checked.
    "he had 39.4 on sunday, the GP checked him over and he's been fine since, can we come back"
    " on thursday?",
    "letzte woche hatte er 39,2, der kinderarzt hat ihn angeschaut, ist wieder fit",
    # Emergency words that are someone's work.
    "mein Mann ist Notarzt und hat diese Woche Nachtdienst, ich komme allein zum Kurs",
    "je suis pompier, des urgences j'en vois tous les jours, ce massage me fait du bien",
    # Someone else's child, the scare told as over.
    "het zoontje van mijn collega had een knoopbatterij ingeslikt, het is goed afgelopen",
    "il nipotino di mia cognata aveva ingoiato una calamita, l'hanno operato e ora sta bene",
    # The parent's own illness, the baby not named as ill.
    "j'ai la grippe, 39 de fièvre, je viens pas demain pour pas contaminer les bébés",
    "ive got a horrible chest infection and can barely breathe through my nose, skip class?",
    # A film's, a report's or the radio's baby.
    "watched that bbc drama last night where the baby has meningitis, in bits all evening",
    "zag gisteren bij hart van nederland dat een baby een magneetje had ingeslikt, wat eng zeg",
    # A scare over and checked, told in a sentence that goes on to ask something else.
    "the rash was just heat rash, gp said the glass test was fine and it faded by sunday",
    "il avale de travers quand il boit trop vite, il tousse 2 sec et c'est reparti, c'est normal ?",
    # The parent says the whole message is about a day that has not come.
    "asking ahead, what should we do if her lips ever go blue in the bath?",
    "hypothetisch: was mache ich, wenn sie einen Krampfanfall hat?",
    # Over and checked, in everyday words for "nothing serious".
    "el mes pasado se cayó de la cama, la vio el pediatra y nada grave, ¿seguimos con el curso?",
    # Practised on a training doll; a blocked nose.
    "we practised the back blows on a manikin at the first aid evening, harder than it looks",
    "con tanto moco le cuesta respirar por la nariz cuando toma el pecho, ¿le hago el masaje de la"
    " cara?",
    # Where a baby lies after the massage, or a routine left at that: not walking away.
    "je peux le laisser là sur le tapis après le massage ou je l'habille tout de suite ?",
    "¿vale con hacerle los pies y dejarlo ahí, o hay que seguir con todo?",
    # One feed brought up once, after a massage too soon.
    "did the massage right after her bottle and she brought it all up, how long should we wait"
    " next time?",
    "le hice el masaje después del biberón y lo devolvió todo, ¿cuánto tengo que esperar?",
    # A "no" that belongs to something else: the poo, the fever, a choice; a help across a "?".
    "seit vier tagen kein stuhlgang, welche griffe am bauch helfen da?",
    "des petits boutons sur les joues, pas de fièvre, ça part quand j'appuie, je peux masser ?",
    "si elle s'endort pendant la séance, on la réveille ou pas ?",
    "¿el masaje de la barriga ayuda? ya probé con todo",
    "my nipples are cracked and bleeding from the feeds, is there a cream that helps?",
    # Still during the massage: relaxed, not unresponsive.
    "no se mueve nada durante el masaje, está súper tranquila",
    # The poison centre's number, asked for to keep.
    "what is the number of the poison centre again? want it saved in my phone",
    "kennt jemand die nummer vom giftnotruf in österreich?",
    # Asked ahead, then "nothing's wrong now": that "now" is the all-clear's.
    "even gevraagd voor de zekerheid: als een baby slap wordt, bel je dan 112? er is nu niks aan"
    " de hand",
    # The parent's own temperature, in figures.
    "tengo 39 de fiebre desde ayer, ¿mejor no voy a clase por los bebés?",
    "ik heb 39 graden koorts sinds gisteren, kan ik wel naar de les?",
    # Burning said as what the parent wants to avoid; a throat on fire; choking with laughter.
    "quelle température pour le bain, pour ne pas la brûler ?",
    "j'ai la gorge en feu et de la fièvre, je viens quand même au cours ?",
    "j'ai failli m'étouffer de rire en le voyant faire la grimace",
    # An animal's sign, at the vet or with the baby said to be fine; a grown-up's scare seen to.
    "our cat had some kind of fit this morning, she's at the vet now, see you thursday",
    "el perro vomitó algo verde en la alfombra, el bebé bien, solo era para contar",
    "mia suocera è svenuta al supermercato, l'hanno dimessa ed è già a casa, giovedì vengo io",
    # White spots on the nose are not a colour change; traffic on the way is not a crash.
    "she has tiny white spots on her nose, the midwife said milia, can I use oil there?",
    "there's been a crash on the ring road so we'll be late, he's asleep in the car seat",
    # Not wanting to wake a sleeping baby; a baby who moves all over the mat.
    "não quis acordar o bebé para a aula, ele dormia tão bem, quando é a próxima?",
    "est-ce que ça sert encore à 11 mois, il bouge partout sur le tapis ?",
    # A grown-up's fall and bruised knee, the baby elsewhere.
    "mein Mann ist gestern die Treppe runtergefallen, Knie blau, der Kleine war bei Oma",
    # Swallowed last month, passed and checked; an ER visit that ended well; a massage's help.
    "he swallowed a button last month, the x-ray showed it had passed and the GP was happy."
    " any strokes to help him settle?",
    "caiu do sofá na semana passada, fomos ao pronto-socorro e a médica disse que está tudo certo",
    # "This baby will be the death of me": a tired parent's joke, said of the baby.
    "ma fille va me tuer, réveillée à 3h pour jouer",
    "essa bebé vai me matar, acordou de hora a hora",
    # A "but" after the red flag, or in a frame that says whose sign it is, changes nothing.
    "on the course they showed us what to do if a baby chokes, but can we practise it again?",
    "im Erste-Hilfe-Kurs ging es darum, was man tut, wenn ein Baby sich verschluckt, aber das "
    "war alles Theorie",
    "I burnt my hand on the iron yesterday, nothing much, but the burn stings when I use oil",
    # A question ahead right after the turn: still asked about, not happening.
    "we went to a first aid course in May but if she stopped breathing I think I would just freeze",
    "im Erste-Hilfe-Kurs haben wir an der Puppe geübt, aber wenn er wirklich keine Luft mehr "
    "bekommt, wüsste ich nicht weiter",
    # A burn told as healed, with a question about its scar.
    "the scald on his hand from last month has healed nicely, can I massage oil into the scar now?",
    "die Verbrühung am Arm ist gut verheilt, darf ich die Narbe mit Öl massieren?",
    "la quemadura del brazo ya está curada, puedo darle masaje con aceite en la cicatriz?",
    # The parent's own eyes, a reply the parent could not give, a feared vomit, a low fever past
    # three months, a baby who has not pooed for days.
    "so tired my eyes were rolling back during the 3am feed haha",
    "ma belle-mère m'a posé une question et j'ai pas su lui répondre",
    "tengo miedo de que devuelva toda la toma si lo masajeo justo después",
    "tiene 9 meses y unas décimas de fiebre, está un poco mimoso nada más",
    "il a rien fait dans sa couche depuis 3 jours, un massage du ventre peut aider ?",
    "no poo for four days but plenty of wet nappies, can tummy massage help?",
]

LOUD = [
    # The same words where the sign is the baby's, now.
    "his eyes are staring straight through me and he feels heavy and limp",
    "tiene 6 semanas y unas décimas de fiebre",
    "il a rien fait dans sa couche depuis ce matin et il dort sans arrêt",
    "no wet nappies since last night and she won't feed",
    "we did a first aid course last year but now she's choking what do i do",
    "she was laughing and then choked on a grape and can't breathe",
    "he went blue, turned out he had a button in his mouth and now he is floppy",
    "estábamos en el curso de masaje y se cayó de la camilla, no reacciona",
    "nothing serious I thought, but she has swallowed a button battery",
    "she burnt her hand on my tea, nothing serious i think but the skin is still red and"
    " blistering",
    "urgencia!! el bebé está morado y no respira",
    "ich weiss nicht was los ist, sie trinkt nicht mehr seit 8 stunden",
    "he bumped his head on the floor, laughed at first but now he has been sick twice and is"
    " very sleepy",
    "if he ever chokes I'd panic, and he's choking now help",
    # The parent burned too, and the baby with them or held by them.
    "burnt my hand and her arm with the kettle, the skin is coming up in blisters",
    "je me suis brûlée avec le café et la petite aussi sur son bras, elle hurle",
    "me quemé con el café y a la nena le cayó en el brazo, está roja",
    "spilled my tea, burned my hand, the baby was on my lap and she is screaming",
    "my husband is a paramedic and he says we need an ambulance now",
    "mein Baby hat einen Krampfanfall, ich bin Epileptikerin und weiß wie das aussieht, er zuckt"
    " am ganzen Körper",
    # The same words with the baby in them.
    "my husband says she's choking, what do we do",
    "my husband slipped on the ice carrying her and she hit her head on the pavement",
    "she rolled off the bed onto the floor, cried for a second and now she keeps being sick",
    "I could strangle him, he won't stop crying and I'm scared of myself",
    # Signs told after the scare keep it, whatever anyone says; half a bottle gone.
    "hij viel van de bank op zijn hoofd, eerst speelde hij verder maar nu heeft hij twee keer"
    " overgegeven en is hij heel suf. mijn man zegt niks aan de hand",
    "my eldest gave him the calpol with the syringe, the bottle was nearly full and now it's half"
    " empty, he seems fine",
    # A temperature dictated, or after a time; a battery nobody can find; signs with a myth; a
    # worried parent's laugh after breathing signs.
    "my 6 week old feels hot, thermometer says 38 point 1, can I give calpol and wait?",
    "hi can we move thursday to 2pm? otherwise all good, except she's 4 weeks and 38.4 tonight"
    " and feeding less",
    "can't find the little round battery from the kitchen scales and he was playing right there,"
    " now he's drooling and gagging",
    "he fell off the sofa and hit his head, sick twice since and keeps nodding off, is keeping"
    " them awake an old wives tale?",
    "she's breathing really fast and her tummy sucks in under the ribs with a little grunt every"
    " breath, doctor tomorrow or is that silly haha don't want to overreact",
    "he choked on a grape a few months ago and now he is choking again, help",
    # A food named only to say what colour the vomit is.
    "she's 5 weeks and just brought up green like spinach, twice, is that normal?",
    # A laugh or a baby who looks fine does not undo something swallowed.
    "she got into the magnets from her brother's game 😂 two are missing, she seems happy",
    "le hemos dado el jarabe dos veces por error, parece que está bien",
    "he's been sick four times since lunch, the last two bright green 😂 not even had peas, wait"
    " till morning?",
    # Half in English; a soft spot described a few words on.
    "o meu bebé engoliu uma button battery do comando, parece bem",
    "la fontanela de mi hija esta mañana parece un globito, está abultada y dura",
    "he's 3 weeks old and 38.3, is that ok?",
    "she was 39.6 an hour ago, the calpol hasn't helped and she's still burning up",
    # A course, or a scare years ago, and the same red flag happening now.
    "we're at the baby first aid course and she just started choking for real",
    "two years ago my son choked on a grape and she just did the same, she is coughing and blue",
    # Someone else's child in trouble now.
    "my neighbour's baby swallowed a battery, what do i do",
    # The parent ill, and the baby too.
    "tengo gripe y la nena también tiene 39 de fiebre y no come",
    # Watching a film, the parent's own baby: the film has no baby of its own.
    "we were watching a film and she started choking, she cant breathe",
    "estábamos viendo un video en tiktok y se atragantó, no respira",
    "wir haben einen Film geschaut und plötzlich hat sie keine Luft mehr bekommen",
    # "Is he fine?" asks; it does not tell that the scare is over.
    "ses lèvres sont toutes bleues, est-ce qu'il va bien ??",
    "ele engasgou e ficou roxo, ficou bem?",
    "she went blue round the lips, is she fine now?",
    # Asking ahead, then now; feeds that came every 2 hours, then none; a scare checked once
    # and back again.
    "asking ahead about fits last week and now he is jerking all over, help",
    "she used to feed every 2 hours but now she hasn't fed at all for 8 hours",
    "the doctor said it was nothing last week but now she is blue again",
    # English as a second language, with the name of what was swallowed in the first.
    "sorry my english not good, my son eat a pastiglia lavastoviglie, what i do",
    "my girl has swallowed a knoopbatterij I think, she is drooling",
    "we practised on the manikin last month and now she is choking on a grape help",
    # Everything brought up, and it goes on.
    "he throws up everything we give him",
    "il vomit tout depuis ce matin",
    "sie spuckt alles wieder aus, schon seit heute früh",
    "no poo for 3 days and she hasn't fed for 8 hours",
    "des taches sur le ventre, pas de fièvre, mais elles ne disparaissent pas quand j'appuie",
    # Pressure on a wound is first aid, not a grown-up's blood pressure.
    "faccio pressione, sanguina tanto dal naso",
    "uciskam, ciśnienie na ranę, krwawi dalej",
    "she drank some bleach, what's the number for poison control?",
    "j'ai 39 de fièvre et le bébé aussi, il a 5 semaines",
    # "Just in case" is also what a parent calling for help says.
    "just in case, she went blue and floppy a minute ago",
    "llamo a emergencias por si acaso, no respira bien",
    "he's choking, tell me so I know what to do",
    # Asked about one day, but happening now.
    "für den Notfall: er ist gerade blau angelaufen und atmet komisch",
    "em caso de dúvida liguei, ele está roxo e não respira bem",
    # A baby who does not move, in words the lists had not.
    "my baby is not moving",
    "mi bebé no se mueve",
    "ona się nie rusza",
    # A double dose said as what was given, the medicine a sentence before.
    "le he dado dalsy pensando que era apiretal, creo que le he dado el doble",
    # A check of another time does not make this one over.
    "He's having a seizure right now, the doctor said it was nothing last time",
    "he's gone blue around the lips, last time the doctor said it was normal",
    "er krampft gerade, letztes mal war alles gut",
    "il fait une convulsion là maintenant, la dernière fois tout allait bien",
    "ella está convulsionando ahora mismo, la última vez no fue nada",
    "hij heeft op dit moment een aanval, vorige keer was alles goed",
    # Words for now keep a red flag told after a course, "my first" or "hypothetically".
    "we did a first aid course last year but right now she's choking and going blue",
    "hicimos un curso de primeros auxilios pero ahora mismo se está ahogando",
    "Hypothetically I know I should call 999 but right now he fell off the bed and he's vomiting",
    # A turn of the story ("but") between a course, a doll or a question ahead and the sign: the
    # sign after it is this baby's, with no word for now.
    "we practised on the dolls all morning but my son has gone floppy and grey",
    "hice el curso de primeros auxilios el año pasado pero se ha tragado una pila de botón",
    "on a appris avec la poupée au cours, mais mon fils ne respire presque plus",
    "im Kurs haben wir an der Puppe geübt, aber meine Tochter ist ganz blau im Gesicht",
    "abbiamo fatto il corso con la bambola ma mio figlio ha le labbra blu",
    "robiliśmy kurs pierwszej pomocy ale synek połknął baterię",
    "did the first aid course last spring, though he's gone blue and isn't breathing",
    "fizemos o curso de primeiros socorros, só que ela está roxa e não respira",
    # The class doll named far from the sign, after it: the sign is this baby's.
    "sie hat sich am Bügeleisen verbrannt, die Hand ist voller Blasen und sie schreit, dabei "
    "haben wir das im Kurs an der Puppe geübt",
    # A healed burn beside a new one, or one that is healing no more.
    "her old burn scar is fine but she just pulled my coffee over her arm and it's blistering",
    "the burn on his leg had healed over but now it's oozing pus and he's burning up",
    "la quemadura estaba curando bien pero se ha infectado, supura y tiene fiebre",
    "die letzte Verbrühung ist gut verheilt, aber eben hat er den Topf gestreift und hat Blasen "
    "an den Fingern",
    # A story told as over, then the parent's own baby now.
    "my niece swallowed a button battery last year and luckily all went well, but now my own "
    "baby just swallowed one from the remote",
    "ma nièce avait avalé une pile l'an dernier et heureusement tout s'est bien passé, mais là "
    "mon bébé vient d'en avaler une",
    # A sign new to the parent, said with worry about worrying; fever and jerks all night; a
    # grandchild is the grandparent's own.
    "not sure if this is normal, his lips are blue, this has not happened before",
    "I don't know if he swallowed a button battery, one is missing from the remote, maybe I'm "
    "just paranoid",
    "she had a fever all night and her arms started twitching",
    "we couldn't wake him all night",
    "wnuczek połknął baterię guzikową, na szczęście wszystko dobrze, ale co teraz?",
    # Being prepared is for the hospital too.
    "he swallowed a battery i think, what do i do, i want to be prepared for the hospital",
    "not sure if he swallowed a magnet, one is missing, want to be prepared for A&E",
]


@pytest.mark.parametrize(
    "text",
    [
        "I'm thinking of ending it all with pills tonight",
        "ending it all on the train tracks tonight",
        "I want to die, please cancel my bookings",
        "i just feel empty, nothing's ever going to get better is it",
        "manchmal denke ich daran, alles zu beenden",
        # A tall place gone back to again and again.
        "I keep going back to the multi storey roof after drop off and just stand there",
        "je retourne tous les jours sur le pont et je reste au bord",
    ],
)
def test_ending_it_all_or_no_hope_gets_the_crisis_reply_whatever_follows(text: str) -> None:
    assert MODEL.check(text).kind == "crisis"


@pytest.mark.parametrize("text", QUIET)
def test_a_scare_told_in_its_frame_gets_no_emergency_reply(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize("text", LOUD)
def test_a_red_flag_happening_now_is_still_an_emergency(text: str) -> None:
    assert MODEL.check(text).kind == URGENT


@pytest.mark.parametrize(
    "text",
    [
        "i just want to go to sleep and never wake up",
        "je voudrais m'endormir et ne jamais me réveiller",
        "chciałabym zasnąć i się nie obudzić",
    ],
)
def test_a_parent_who_wants_never_to_wake_gets_the_crisis_reply(text: str) -> None:
    verdict = MODEL.check(text)
    assert verdict.kind == CRISIS or (verdict.kind == URGENT and verdict.also_crisis)


@pytest.mark.parametrize(
    "text",
    [
        "no point anymore. I just want to go to sleep and not wake up",
        "ya no puedo más. solo quiero dormirme y ya no despertar",
        "estou no fundo do poço e não vejo saída. só queria dormir e não acordar",
        # Hoping not to wake, whatever the pronoun: not a baby who will not wake.
        "also does anyone else go to sleep hoping they just dont wake up. it would be easier",
        "ojalá no despertar mañana la vdd",
        "i go to sleep every night hoping not to wake up",
    ],
)
def test_a_parent_who_never_wants_to_wake_gets_no_emergency_reply_whatever_comes_first(
    text: str,
) -> None:
    # Another crisis said first must not leave "not wake up" to be read as the baby's.
    assert MODEL.check(text).kind == CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "ich habe Briefe an meinen Mann und meine Tochter geschrieben",
        "escrevi cartas ao meu marido e à minha filha",
        "ik heb brieven aan mijn man en dochter geschreven",
    ],
)
def test_farewell_letters_to_the_family_get_the_crisis_reply_whatever_the_word_order(
    text: str,
) -> None:
    assert MODEL.check(text).kind == CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "ich habe einen Brief an die Krankenkasse wegen der Hebamme geschrieben",
        "I wrote a letter to the council about the parking near the class",
    ],
)
def test_a_letter_to_an_office_is_not_a_farewell(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("he's fitting in his sleep", URGENT),
        ("she's having a fit in her cot", URGENT),
        ("he's fitting in well at nursery", None),
        ("does the mat fit in the car?", None),
    ],
)
def test_fitting_in_is_a_fit_when_the_baby_is_having_it(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "he swallowed a CR2032",
        "hij heeft een cr2032 ingeslikt",
        "she drank some of my methadone",
        "ha bevuto il metadone",
        "he drank some Milton",
    ],
)
def test_a_battery_by_its_code_and_a_medicine_by_its_name_are_emergencies(text: str) -> None:
    assert MODEL.check(text).kind == URGENT, text


def test_a_parent_asking_how_many_pills_for_themselves_gets_the_crisis_reply() -> None:
    assert MODEL.check("how many sleeping pills are too many? asking for me").kind == CRISIS


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # An overdose told as done, and harm to the baby already done: the crisis reply.
        ("I've taken all my pills, the baby is asleep in his cot", CRISIS),
        ("I've taken 30 paracetamol", CRISIS),
        ("ich habe alle meine Tabletten genommen, das Baby schläft", CRISIS),
        ("I hit the baby because he wouldn't stop crying", CRISIS),
        ("le pegué porque no paraba de llorar", CRISIS),
        # Everyday: quiet.
        ("I took all my vitamins this morning", None),
        ("I took all the photos at class today", None),
    ],
)
def test_an_overdose_or_harm_told_as_done_gets_the_crisis_reply(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A clause about the baby now, after a visit long ago: the sign is today's.
        ("we saw the GP last month for his cough, he is grey and floppy", URGENT),
        ("vorigen Monat waren wir im Krankenhaus, er ist ganz blau und atmet kaum", URGENT),
        # The same time, the sign in it and the baby fine now: quiet.
        ("last year she had a fit, she is fine now", None),
        ("el año pasado tuvo una convulsión febril, ahora está perfecta", None),
    ],
)
def test_a_clause_about_the_baby_now_ends_a_story_long_ago(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "he was born 8 weeks ago and has a fever of 38.2",
        "nació hace 6 semanas y tiene 38 de fiebre",
        "sie ist vor 7 Wochen geboren und hat 38,3 Fieber",
    ],
)
def test_a_birth_told_with_a_time_is_an_age_not_a_scare_long_ago(text: str) -> None:
    assert MODEL.check(text).kind == URGENT, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A colour change where the baby is: the car seat or the pram is the place, not what
        # is blue.
        ("she's going grey in her car seat", URGENT),
        ("il devient tout bleu dans le landau", URGENT),
        ("ha le labbra viola nel seggiolino", URGENT),
        ("ze wordt grauw in de maxi cosi", URGENT),
        # The thing's own colour: quiet.
        ("we bought a blue pram, can it come to class?", None),
        ("her car seat is grey", None),
    ],
)
def test_a_colour_change_in_the_car_seat_or_pram_is_an_emergency(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The parent's own medicine, swallowed by the baby: among the commonest poisonings.
        ("I think he swallowed one of my pills", URGENT),
        ("she got into my pills and swallowed some", URGENT),
        ("she's swallowed my medication", URGENT),
        # The parent taking it: no swallowing by anyone else.
        ("can i breastfeed while i am on my pills", None),
        ("I take my antidepressants in the morning, is massage ok?", None),
    ],
)
def test_a_baby_who_swallowed_the_parent_s_medicine_is_an_emergency(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Choking told as happening, beside the words of a first-aid class: an emergency.
        ("she's choking, we learnt first aid at class", URGENT),
        ("se está ahogando, hicimos primeros auxilios en clase, qué hago", URGENT),
        ("mała się dławi, na kursie uczyli pierwszej pomocy", URGENT),
        ("im Kurs haben wir Erste Hilfe gelernt, jetzt erstickt er", URGENT),
        # The same words asked about a day to come: quiet.
        ("what should I do if a baby is choking?", None),
        ("we learnt what to do when a baby is choking", None),
        ("que faire si un bébé est en train de s'étouffer ?", None),
    ],
)
def test_choking_told_as_happening_is_not_quieted_by_a_first_aid_class(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "sorry for everything. you won't see me again",
        "perdón por todo, cuidad a mi hija",
        "pardon pour tout. vous ne me reverrez plus",
        "Es tut mir leid für alles. Ihr werdet mich nicht mehr sehen.",
        "se un giorno mio figlio chiede di me, ditegli che non è mai stata colpa sua",
        "zorg goed voor mijn dochter. vaarwel voor altijd",
        "digam ao meu filho que a mãe o amava muito",
        # The signs sentences apart, the baby by a name no list can know.
        "thank you for everything.\nyou will never see me again.\nPlease look after Ellie for me",
        "prenez soin de Jade pour moi",
        # A reason or a "see you" does not make a goodbye for ever ordinary.
        "I'm sorry for everything. I won't be coming back. Her grandparents will look after her.",
        "Sorry for everything. Goodbye forever, see you in heaven",
        "Perdón por todo. Cuidad a mi hija, los abuelos se la quedan. Adiós para siempre",
    ],
)
def test_a_goodbye_that_reads_as_final_gets_the_crisis_reply(text: str) -> None:
    assert MODEL.check(text).kind == CRISIS, text


@pytest.mark.parametrize(
    "text",
    [
        "thank you for everything, it was a lovely course! see you at the reunion",
        "thanks for everything! you won't see me again, we're moving to Bristol next month",
        "merci pour tout, on déménage à Nantes le mois prochain, vous allez me manquer",
        "obrigada por tudo, até breve!",
        # Two goodbyes in everyday words, with no reason given: still ordinary.
        "Thank you for everything, goodbye my lovelies! xx",
        "Me despido de todas, ¡gracias por todo!",
        "Ik neem afscheid van de groep, bedankt voor alles!",
        "Adeus a todas, obrigada por tudo!",
        "Bedankt voor alles, passen jullie goed op jezelf!",
        # An apology for something, a "for me" that asks a favour, a date of return.
        "Sorry for everything I missed, thanks for everything!",
        "Scusate per tutto il disordine di oggi, grazie di tutto",
        "Could you look after my bag for me for a minute?",
        "Opiekujcie się sobą! Buziaki ode mnie",
        "I will not be back until January, look after yourselves!",
        "Nie zobaczę was w czwartek, przepraszam",
        # Small talk about the baby, the course or the teacher.
        "It's not your fault, it's just colic. When he is older it gets easier",
        "Please tell her that we all loved her classes",
        "Sag ihr, dass wir den Kurs geliebt haben",
        "Decidle que la quería reservar para el martes",
    ],
)
def test_an_ordinary_goodbye_stays_quiet(text: str) -> None:
    assert MODEL.check(text).kind is None, text


def test_a_baby_who_will_not_wake_and_a_parent_who_cannot_cope_get_both_replies() -> None:
    verdict = MODEL.check("she won't wake up for her feed and is all floppy, I can't cope")
    assert verdict.kind == URGENT and verdict.also_crisis


@pytest.mark.parametrize(
    "text",
    [
        "I keep getting pictures in my head of dropping her over the banister, I would never",
        "me vienen imágenes de dejarla caer por la ventana, nunca lo haría pero me asusta",
    ],
)
def test_a_parent_with_intrusive_thoughts_gets_the_crisis_reply(text: str) -> None:
    verdict = MODEL.check(text)
    assert verdict.kind == CRISIS or (verdict.kind == URGENT and verdict.also_crisis)


@pytest.mark.parametrize(
    "text",
    [
        "I dropped him down the stairs and he is not moving",
        "I keep having thoughts of dropping him and now he fell off the changing table, all floppy",
        "a bit of apple stuck and she's not making a sound",
        # A road accident with the baby in the car; blood from an ear; a Neapolitan floppy baby;
        # pills eaten, in Swiss German.
        "a van went into the back of us on the way home, the baby was in her car seat",
        "hemos tenido un accidente de coche con la niña detrás, llora y llora",
        "he fell off the bed and now there's blood coming out of his ear",
        "'o piccirillo nun se sceta, è tutto moscio",
        "är het es paar Tablette vom Grossvater gässe, was söll ich mache?",
        # The animal bit the baby: the vet named after it is the dog's.
        "the neighbour's dog bit her cheek and it won't stop bleeding, they've taken it to the vet",
        # A parent who fell holding the baby, in Spanish's first person too.
        "me caí en el pasillo con el niño en brazos y se dio con la pared",
        "tropecé y me caí con la bebé en el fular",
        # A pan of boiling water is a scald, whatever a burnt pan of rice is.
        "the saucepan of boiling water went over and onto his foot",
        "la casserole d'eau bouillante lui est tombée sur la jambe",
        "de pan met kokend water is over zijn voetje gegaan",
        # A dose given by another child, the bottle far along the message.
        "la abuela le dio gotas de ibuprofeno del cajón de la cocina sin mirar, no sé cuánto,"
        " el bote está casi vacío",
        # A cord round the neck, a hot cup's tea down the chest, bleach drunk (Dutch "bleek").
        "die Schnur vom Rollo hatte sich um seinen Hals gewickelt, er ist ganz rot im Gesicht",
        "il filo della lampada le si era avvolto al collo nel lettino",
        "er hat die Kaffeetasse umgerissen und der Kaffee ist ihr über den Arm gelaufen",
        "hij heeft bleek gedronken, het flesje stond open in de badkamer",
        "hij heeft een bloeddrukpil van oma ingeslikt, wat nu",
        # A shaken baby said with a clitic; a dishwasher tablet bitten; a dry nappy; a cup of
        # tea pulled over (Italian "e se l'è" is not Portuguese "e se", and if).
        "o avô sacudiu-o com força para ele se calar",
        "a bebé apanhou uma pastilha da máquina e mordeu-a",
        "ha morso una capsula del detersivo, ha la bocca tutta bianca",
        "non bagna il pannolino da stamattina e ha la bocca secca",
        "ha tirato la tovaglia e se l'è rovesciata addosso la tisana bollente",
        # Spanish "no se" (does not) is also "no sé" (I don't know): never a reason to doubt.
        "no se engancha al pecho desde ayer por la tarde, ni quiere el biberón",
        # A colour change that keeps coming back is not over, whatever the laugh says.
        "ha ha she goes a bit grey round the lips every time she feeds, proper little drama"
        " queen 😂",
        "sus labios se ponen morados cada vez que llora, será el frío jaja",
    ],
)
def test_a_baby_hurt_now_gets_the_emergency_reply_whatever_else_is_said(text: str) -> None:
    assert MODEL.check(text).kind == URGENT


@pytest.mark.parametrize(
    "text",
    [
        # The longer, particular words win over the everyday ones inside them ("I cut myself").
        "mi sono tagliata di nuovo stanotte",
        # A dark joke the parent says is not one.
        "blague à part, j'ai choisi la musique de mon enterrement. je ris pas",
        "I googled how to do it without it hurting",
        # Thoughts that come ("kommen", "komen" are also how a parent says they will come to
        # class); despair in Swiss German; a partner telling of his wife.
        "when he screams for hours thoughts come to me of throwing him out of the window",
        "als hij uren krijst komen er gedachten om hem uit het raam te gooien",
        "wenn sie stundenlang schreit, kommen mir gedanken, sie aus dem fenster zu werfen",
        "ich packs nümme, ich wott nümme lebe",
        "mi mujer me dijo anoche que piensa en hacerse daño",
        "ich habe angst, dem baby etwas anzutun",
        # Wishing not to wake, said as "easier if"; ideas of harm; a threat to throw the baby
        # somewhere, told of a relative.
        "honestly it'd be simpler for everyone if I didn't wake up tomorrow",
        "sería más sencillo para todos si no me despertara",
        "manchmal denke ich, es wäre einfacher, wenn ich einfach nicht mehr aufwache",
        "tengo ideas horribles de hacerle daño cuando no para de llorar",
        "mon beau-frère dit qu'il va la jeter par la fenêtre si elle pleure encore",
        # The baby checked and fine, the parent not: those words never make a crisis harder to
        # read.
        "the doctor checked her and says she's fine. it's me. I've started giving away my things",
        # On a bridge and lost; not trusting what one would do to a crying baby.
        "I'm standing on the bridge with the buggy and I don't know why I'm messaging you",
        "estoy en el puente con el carrito, no sé ni por qué te escribo",
        "me quedo en la cocina porque si sigue gritando no sé lo que le hago",
        # Afraid of doing "something" to the baby, the baby named in the verb ("hacerle").
        "tengo miedo de hacerle algo cuando no para de llorar",
        "I'm scared I'll do something to him when he screams like that",
        "ho paura di fargli qualcosa quando urla così",
        "boję się, że coś mu zrobię, jak tak krzyczy",
        # A parent detached from the baby, also during the massage; two different signs of low
        # mood; a parent who left the room afraid of what they might do; a goodbye for the
        # child; a car welcomed.
        "I feel nothing when I hold her. nothing. she's 9 weeks",
        "je fais tout ce qu'il faut mais comme si c'était pas mon bébé",
        "Bei der Massage fühle ich nichts für ihn, gar nichts",
        "I cry every day and nothing is fun anymore, it's been like this since she was born",
        "je pleure tout le temps, j'ai plus goût à rien depuis qu'il est né",
        "I walked out and left him screaming because I don't know what I'd have done",
        "si me pasa algo, que sepa que la quise muchísimo",
        "Wenn mich ein Auto erwischen würde, wär ich ehrlich gesagt erleichtert",
    ],
)
def test_a_crisis_said_around_everyday_words_gets_the_crisis_reply(text: str) -> None:
    assert MODEL.check(text).kind == CRISIS


@pytest.mark.parametrize(
    "text",
    [
        # Doing something for the baby, or wrong in the massage, is no crisis.
        "tengo miedo de hacerle algo mal con el masaje",
        "ho paura di fargli qualcosa di sbagliato con il massaggio",
        "puedo hacerle algo para los gases?",
        "quiero hacerle algo al bebe para los colicos",
        "vorrei fargli qualcosa per le coliche",
        "I might do something to him for his gas, any ideas",
        # Spots that fade under a pressed glass, told in any order and any language.
        "tiny red dots on his back, did the glass thing and they vanish, fine to massage?",
        "le salen puntitos en el cuello, puse un vaso encima y desaparecen, la masajeo igual?",
        "des petits points sur les cuisses, j'ai mis un verre et ils s'effacent, je masse ?",
        "Pünktchen am Rücken, Glas draufgedrückt und sie verblassen, darf ich ölen?",
        "rode stipjes op z'n rug, glas erop gedrukt en ze verdwijnen, mag ik masseren?",
        "kropeczki na plecach, przyłożyłam szklankę i znikają, mogę masować?",
        "pontinhos no pescoço, encostei um copo e eles desaparecem, posso massagear?",
        "puntini sul collo, ci ho messo sopra un bicchiere e scompaiono, posso massaggiare?",
        # The parent's own small burn, the Dutch "my" written short.
        "burnt my fingertip on the kettle lid, does the oil sting on a blister?",
        "m'n hand verbrand aan de pan, klein blaartje, kan ik wel masseren?",
        # A fever in a baby past three months with no sign but being unwell: the doctor's.
        "she is 7 months and poorly with a fever since last night, should we miss class?",
        "tiene 8 meses, está enfermito con fiebre desde ayer, vamos a la clase?",
        "er ist 5 Monate alt, krank mit Fieber seit gestern, sollen wir massieren?",
        # A colic "attack" and a spit-up that always follows a feed.
        "se pone a llorar en pleno ataque de gases, le masajeo la barriga?",
        "ela tem um ataque de cólica todo fim de tarde, massagem ajuda?",
        "nach dem Stillen spuckt er dann immer alles wieder aus, darf ich trotzdem massieren?",
        # A fall seen by the doctor, and a Quebec parent who can't wait for next week.
        "spadła z kanapy w zeszłym tygodniu, nic jej nie było, lekarz obejrzał",
        "j'en peux plus d'attendre le cours de la semaine prochaine !",
        # "Something" missing between parent and baby is not a pill gone from a blister.
        "since the birth I feel something is missing between us, can massage help us bond?",
        "desde el parto siento que nos falta algo a ella y a mí, el masaje ayuda al vínculo?",
        "seit der Geburt fehlt irgendwas zwischen uns, hilft die Massage bei der Bindung?",
        # Hot drinks as a house rule, a father afraid of handling a tiny baby, waking hungry.
        "no hot drinks in the room with all the babies, right? can I bring a water bottle?",
        "I'm always scared I'll hurt her when I pick her up, will the class help me relax?",
        "si le hago el masaje antes de dormir, igual se despierta con hambre a la noche?",
        # A Uruguayan word for the children, one letter from "grey".
        "hay más gurises en el curso o somos pocos?",
        # A burn on the parent's own hand, told with "mich" before the iron.
        "hab mich am Herd verbrannt, nur am Daumen, kann ich die Kleine trotzdem massieren?",
        # A toy's choking risk asked about, and Dutch "mn" written without its apostrophe.
        "tem risco de engasgar com esse chocalho de bolinhas?",
        "is die bijtring niet gevaarlijk, kan hij erin stikken?",
        "mn duim verbrand aan de oven, kan ik wel olie gebruiken?",
        # The first worry of a massage class: hurting the baby with the strokes.
        "I'm scared I'll hurt him when I massage his tummy",
        "afraid I might hurt her doing the strokes, any tips?",
        "tengo miedo de hacerle daño al masajearlo",
        "ich hab Angst, ihm beim Massieren weh zu tun",
        # Sleepless nights, an idiom of killing, a grandparent's death told in grief.
        "ces nuits blanches vont me tuer, un massage pour qu'il dorme mieux ?",
        "llevo días sin dormir pero mañana viene mi madre a ayudarme",
        "è morta mia nonna ieri, scusate se salto la lezione",
        # A knock the baby did not even notice.
        "knocked her head on the cot bars, didn't even notice, carried on chatting",
        "er hat sich den Kopf am Gitterbett gestoßen, hat es gar nicht gemerkt",
    ],
)
def test_a_sign_told_harmless_in_its_own_words_stays_quiet(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize(
    "text",
    [
        "purple spots on her belly, pressed a glass and they don't vanish",
        "puntitos morados, les puse un vaso y no desaparecen",
        "des taches rouges, avec le verre elles s'effacent pas",
        "rote Flecken, mit dem Glas gedrückt und sie verschwinden nicht",
        "rode vlekjes, met een glas erop en ze verdwijnen niet",
        "czerwone plamki, pod szklanką nie znikają",
        "pintinhas vermelhas, encostei o copo e elas não desaparecem",
        "puntini rossi, ho premuto un bicchiere e non scompaiono",
        "burnt his fingertip on the kettle, big blister, he won't stop screaming",
        "she is 7 months, fever since last night, now floppy and won't feed",
        "el bebé tomó lejía de la botella, está babeando",
        "le dio un ataque, se puso rígido y no responde",
        "spadła z kanapy, nic jej nie było, ale teraz wymiotuje i jest senna",
        "seit einer Woche allein mit dem Baby, ich kann nicht mehr",
        "chu toute seule avec la petite depuis une semaine, chu pu capable",
        "he swallowed something from the floor and now he's coughing and drooling",
        "se tragó algo del suelo y ahora tose y babea",
        "il s'est raidi, les yeux partis en l'air, les bras qui tremblaient, là il dort",
        "se me cayó el té hirviendo al bebé en el brazo",
        "kokend water over zn armpje, het vel laat los",
        # Passive wishes said beside a practical question, and the end of one's rope.
        "is class still at 10 on friday? not sure I'll still be here by then honestly",
        "wie lange geht der Kurs noch? weiss nicht ob ich dann noch da bin",
        "i mag eifach nümme, es isch mir alles zviel",
        "sono alla frutta, non so quanto reggo ancora da sola",
        # A goodbye that hands the baby to others.
        "dziękuję za wszystko, zaopiekujcie się moją córeczką",
        "gracias por todo chicas, cuídenmelo mucho",
        "thanks for everything. please take care of her for me",
        # Afraid of what one would do, "I'd" typed without its apostrophe; Roman Italian.
        "I left him in the cot and sat outside, I was scared of what id do",
        "ik was zo kwaad, ik was bang voor wat ik zou doen met haar",
        "so' sola co' lui da stamattina, ho paura de faje qualcosa",
        # A baby shaken "for a second" who seems fine; the bridge on the way home; a
        # grandmother telling of her daughter-in-law's fear.
        "la sacudí un momento porque no paraba de llorar, creo que está bien",
        "tous les soirs je traverse le pont et je me dis que ce serait si facile",
        "my son's wife called me, she's scared of what she might do to the baby",
        # A pause, a colour change or a limp moment that passed still needs to be seen; a
        # fear said of oneself is not a fall's frame.
        "he went a bit blue round the mouth in the car seat for a few secs, fine now i think",
        "elle a fait une pause respiratoire pendant la tétée, ça va maintenant",
        "i'm so scared, she fell off the bed and now she's really sleepy",
        # Not around, without a reason; a handover with a goodbye.
        "won't be here next week. or after that",
        # Blue while straining is not how babies push.
        "he strains and goes blue round the lips",
        "from now on my sister will take him to class, say goodbye to everyone for me",
    ],
)
def test_the_same_signs_said_alarming_still_get_a_safety_reply(text: str) -> None:
    assert MODEL.check(text).kind in {URGENT, CRISIS}


@pytest.mark.parametrize(
    "text",
    [
        # The parent down with it, said before or after the figure.
        "not coming tomorrow, I'm down with the flu, 39.4 this morning",
        "sorry all, 39 fever myself so we'll stay home this week",
        "me agarré una gripe tremenda, 39 de fiebre, hoy no vamos",
        "hab mich hat's erwischt, Grippe mit 39,2, wir bleiben daheim",
        # A grown-up named ill before it.
        "my husband is down with flu, 39 fever, so we'll stay home",
        "mon mari est malade, 39,5 de fièvre, on reste à la maison",
        "mijn vriend ligt met griep, 39 graden, we komen niet",
        # An older brother or sister named ill before it.
        "not coming today, her big sister is poorly with a 39 temperature",
        # Illnesses only grown-ups name in themselves.
        "mastitis again, 39.3 and shivering, no class for us",
        "I've got food poisoning from a takeaway, up all night throwing up, see you next week",
    ],
)
def test_a_grown_up_s_own_illness_gets_no_emergency_reply(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize(
    "text",
    [
        # The baby named just before the sign is the one who has it.
        "she has 39 fever and i have the flu too",
        "I've got flu and now he's at 39.4",
        "j'ai la grippe et elle a 39,5",
        "mi marido tiene gripe y la nena tiene 39",
        # A young baby anywhere in the message catches what the parent has.
        "my 5 week old has a temp of 38.2 and i have the flu",
        # A grown-up named, but no word that they are the ill one.
        "my husband measured 39.3 in her ear",
        "my husband has flu and the baby is 39.5 since this morning",
        "his brother has flu and now he has 39.5",
    ],
)
def test_a_baby_with_the_fever_beside_a_grown_up_s_illness_is_still_an_emergency(
    text: str,
) -> None:
    assert MODEL.check(text).kind == URGENT


@pytest.mark.parametrize(
    "text",
    [
        # Away on a day or a week: an absence, not a goodbye.
        "no voy a estar el jueves, tenemos pediatra",
        "I won't be around next week, see you the week after",
        "we won't be around for a couple of weeks, visiting family",
        "ich werde am Donnerstag nicht da sein",
        # A rash that passes the glass test; thrush; milk coughed straight back up.
        "a few red spots on his back, I did the glass test and they fade straight away",
        "hice la prueba del vaso y desaparecen, será calor",
        "white patches inside her cheeks, the GP thinks it's thrush",
        "she choked a bit on the milk, coughed it right out and went back to feeding",
    ],
)
def test_everyday_absences_and_small_ailments_get_no_safety_reply(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize(
    "text",
    [
        "won't be around much longer",
        "I won't be around to see her grow up",
        # A day says when it starts, not that it ends.
        "from next week my mum will bring him to class, I won't be around anymore",
        "desde el lunes la trae su padre, yo ya no voy a estar",
        "red spots on his tummy and they don't fade when I press a glass on them",
    ],
)
def test_not_around_for_good_and_a_rash_that_does_not_fade_still_get_a_reply(text: str) -> None:
    assert MODEL.check(text).kind in {URGENT, CRISIS}


@pytest.mark.parametrize(
    "text",
    [
        # A purple face while doing a poo; falling asleep is not a drop.
        "turns purple when he's doing a poo, then back to normal straight after",
        "she always wriggles when she's dropping off, is that normal?",
    ],
)
def test_normal_baby_habits_get_no_emergency_reply(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize(
    "text",
    [
        "her arm keeps jerking and it does not stop when I hold it",
        "las sacudidas no paran aunque lo sujete, lleva así cinco minutos",
        "he hit his head on the floor trying to fall asleep and now he's vomiting",
        # Jerks that stop when held but come back; a hard knock while settling.
        "her leg jerks in a rhythm, it stops if I hold it but starts again when I let go",
        "banged his head hard on the cot bars to get to sleep and there's a big lump now",
        # Blue, not purple, while doing a poo; a grown-up holding a feverish baby.
        "her lips go blue when she's doing a poo",
        "labios azules cuando hace caca, es normal?",
        "mi marido la tiene en brazos, tiene 40 de fiebre y no para de vomitar",
        "the baby has food poisoning I think, vomiting everything for 8 hours",
    ],
)
def test_jerks_that_go_on_when_held_or_a_knock_then_a_sign_are_still_emergencies(
    text: str,
) -> None:
    assert MODEL.check(text).kind == URGENT


@pytest.mark.parametrize(
    "text",
    [
        # The parent's own not knowing how to react; an urge said of a routine or a cuddle; a
        # coffee regretted before a feed; a flat-pack wardrobe; a baby's strong will to live;
        # the parent's own coffee; a baby who watches and follows; the kids' ball kicked back.
        "qué hago si algún día se atraganta? me da mucho miedo no saber reaccionar",
        "j'ai peur de ne pas savoir réagir s'il s'étouffe un jour",
        "we wanted to shake up her nap routine a bit, any tips",
        "I just wanted to squeeze her all day, she's so squishy",
        "I wish I'd never had that coffee before feeding her, she's wired",
        "I've lost the will to live with this flat pack wardrobe",
        "sie hat so einen starken Lebenswillen, die Kleine, trotz Frühchen",
        "havent drunk any coffee since he was born lol",
        "shes always watching me and following me round the house",
        "me estoy volviendo loca, me siguen doliendo los puntos",
        "my husband kicked the kids ball back over the fence",
        # Both halves of a crisis rule, and something that says it is not a crisis: a diet or
        # an illness behind two signs; thanks after leaving the room; a sling that takes the
        # weight; a break wished for.
        "I cry every day at the adverts, hormones, and I can't eat dairy for her reflux",
        "had to leave the room for a call, don't know what I'd have done without the recording",
        "the new sling is amazing, i feel nothing when i hold her now, no back ache",
        "I want to run away to a beach for a week with a book, lol",
    ],
)
def test_the_parent_s_own_words_near_a_red_flag_get_no_reply(text: str) -> None:
    assert MODEL.check(text).kind is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The same words beside a baby who does not react; a drink missed all day; a feed
        # refused at nursery; first aid being done now, whatever course came before.
        ("ne sais pas comment réagir, il ne réagit pas quand je lui parle", URGENT),
        ("no sé cómo reaccionar, no reacciona a nada", URGENT),
        ("er kann nicht richtig reagieren, schaut durch mich durch", URGENT),
        ("he hasn't drunk anything all day and he's so sleepy", URGENT),
        ("since evening he is not sucking breast at all, he is very weak", URGENT),
        ("he refused his bottles at nursery all day, 8 weeks old", URGENT),
        ("did paediatric first aid. doing first aid, she's unresponsive and blue", URGENT),
        ("did the first aid course in march, learnt cpr, he's gone limp and not breathing", URGENT),
        (
            "fiz o curso de primeiros socorros, quero saber se estou a fazer bem, ela não respira",
            URGENT,
        ),
        # A shaken baby told with what the partner wanted: still the emergency reply.
        ("my boyfriend shook him, wanted to stop the crying he says. baby is very sleepy", URGENT),
        ("i want to throw him and his teddy out the window, i mean it", CRISIS),
        ("some days I wish we'd never had kids tbh", CRISIS),
        ("honestly i wish id never had him", CRISIS),
        ("3 hours of nursery rhymes on repeat, I can't cope", CRISIS),
        ("no sleep, no shower, no will to live 🙃 seriously tho", CRISIS),
        ("i lost the will to live months ago tbh", CRISIS),
        ("j'ai l'impression de devenir folle, j'entends des trucs la nuit", CRISIS),
        ("ich habe das Gefühl verrückt zu werden, ich höre nachts Dinge", CRISIS),
    ],
)
def test_a_baby_in_trouble_or_a_parent_in_crisis_beside_those_words_is_still_read(
    text: str, kind: str
) -> None:
    assert MODEL.check(text).kind == kind


def test_a_parent_who_wanted_to_shake_the_baby_gets_the_crisis_reply() -> None:
    # "I didn't" is not read: the emergency reply may go too, the crisis reply always does.
    verdict = MODEL.check("I shouted at him and I wanted to shake him. I didn't but I was so close")
    assert verdict.kind == CRISIS or verdict.also_crisis


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Everything in the medicine cupboard is a means; a scald feared is no scald; a seizure
        # that stopped still needs a call.
        (
            "Thought about just taking everything in the medicine cupboard and sleeping forever",
            CRISIS,
        ),
        ("what's a safe temperature for bath water? dont want to scald him", None),
        (
            "had a febrile convulsion i think?? it stopped after a minute and she's asleep now",
            URGENT,
        ),
        ("he's been sleeping forever, should I wake him for a feed?", None),
    ],
)
def test_a_means_named_whole_a_fear_of_scalding_and_a_seizure_that_stopped(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A vehicle welcomed, lingering at a height; and the everyday words beside them: the flu
        # "hitting", a queue at a bridge, medicines in a cabinet, the stairs.
        ("when a lorry comes past I think if it hit me I'd be relieved", CRISIS),
        ("sometimes I stand at the top of the multi storey car park a bit too long", CRISIS),
        ("flu is going round, if it hits me this week I'd be relieved it's before christmas", None),
        ("keep the calpol in the medicine cabinet, nice just knowing they're there at night", None),
        ("I stand at the top of the stairs by the landing window a bit too long every night", None),
        # Calm words that must not quiet a baby in trouble now.
        ("her cord stump is bleeding from picking it with her nails, soaking the nappy", URGENT),
        ("is there a way to check if he swallowed the button battery, one is missing", URGENT),
        ("we drove past the bridge they're building, too long a queue", None),
    ],
)
def test_a_passive_wish_or_a_height_lingered_at(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A story from the news with the precaution taken now; the same news, then one's own.
        (
            "saw on the news about a toddler who swallowed a button battery, terrifying, we've"
            " taped all our remotes shut now",
            None,
        ),
        ("vi en las noticias lo de un bebé que se tragó un imán, ya guardé todo bien arriba", None),
        ("saw on the news a baby swallowed a battery and now mine has one in his mouth", URGENT),
    ],
)
def test_a_news_story_with_a_precaution_taken_now_is_not_an_emergency(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A grown-up who hurt themselves, named right before it; someone who burned the baby.
        ("my dad burnt his hand on the barbecue, he can't drive us thursday", None),
        ("mi marido se quemó la mano con la sartén, vengo sola el jueves", None),
        ("my mum burned the baby's arm with the iron", URGENT),
        ("my nan scalded the baby with her cuppa", URGENT),
        ("my mum burnt her hand and the baby's hand on the oven door", URGENT),
        # The parent's own epilepsy, told in the past; a baby fitting beside it.
        ("i used to have seizures as a child, can i massage him on my own?", None),
        ("ich hatte als kind epilepsie, darf ich sie trotzdem alleine massieren?", None),
        ("i had epilepsy as a kid and now he is having a seizure", URGENT),
        # A rash that blanches, limbs mottled with the cold; the same signs that stay.
        ("a little rash on his cheeks, it goes white when i press it, teething?", None),
        ("his arms get a bit mottled when i undress him, gone once he's dressed", None),
        ("his lips look grey and it doesn't go away when i warm him up", URGENT),
        ("her legs went mottled and now she is floppy and won't wake", URGENT),
        # A tumble onto something soft that the baby laughed off; a fall off a height.
        ("she toppled over onto the cushion, giggled and carried on", None),
        ("he rolled off the changing table onto the cushion, giggled and carried on", URGENT),
        ("he fell on the bed onto the pillow, laughed and carried on, then vomited twice", URGENT),
        # A German parent who left the room for fear of what they would do.
        ("musste ihn ablegen, hab angst was ich sonst mit ihm mache wenn er so schreit", CRISIS),
        ("ich hab angst was ich beim massieren falsch mache", None),
    ],
)
def test_whose_burn_whose_fit_and_a_soft_landing(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "Week" is not a wee; a scream at one stroke is a reaction, not a cry unlike any other.
        ("can't wait for Thursday, the best hour of my whole week", None),
        ("no wet nappy for 8 hours and she's very sleepy", URGENT),
        ("is it weird that he screams during the leg strokes", None),
        ("his cry sounds weird, really high and weak, since this morning", URGENT),
    ],
)
def test_a_week_is_no_wee_and_a_scream_at_a_stroke_is_no_strange_cry(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "Her" hand after a woman is hers, "his" after a man his; the other way it is the baby's.
        ("my sister burnt her hand on the kettle, she can't drive us tomorrow", None),
        ("my dad scalded his hand making tea so we're getting the bus", None),
        ("my mum burnt his hand with the hair straighteners", URGENT),
        ("my husband scalded her leg with the bath water", URGENT),
        # The parent's own epilepsy named anywhere; a baby fitting beside it.
        ("I'm epileptic, well controlled, last fit years ago. ok to massage alone?", None),
        ("i'm epileptic and now she's fitting and won't stop", URGENT),
        # Afraid of getting it wrong, or of a long afternoon; afraid of what one would do.
        ("so scared of what i'll do wrong at my first class lol", None),
        ("scared of what i'll do to her if she doesn't stop screaming", CRISIS),
        # A means looked at with new eyes; a medicine given another way.
        ("no sleep for weeks and i look at the pills in the bathroom differently now", CRISIS),
        ("we give her the medicine differently now, with a little syringe", None),
        # A limb that will not move, with what happened told at length first.
        (
            "my toddler climbed onto the sofa and jumped off onto his little brother's leg and now"
            " he won't move it",
            URGENT,
        ),
    ],
)
def test_whose_hand_whose_fits_and_a_limb_that_will_not_move(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # An urge to shake told after it, with the baby in the verb or beside it: a crisis, not
        # a shaken baby; shaking done is both.
        ("honestly I wanted to shake him tonight, so I left him in the cot and went out", CRISIS),
        ("avevo voglia di scuoterlo, l'ho messo nel lettino e sono uscita", CRISIS),
        ("j'avais envie de le secouer, je suis sortie de la chambre", CRISIS),
        ("i shook him last night, only for a second, and now he's so sleepy", URGENT),
        ("potrei fargli male se premo troppo sulla pancia col massaggio?", None),
        # Throwing oneself from a height, said in the infinitive.
        ("a veces pienso en tirarse por la ventana, es normal?", CRISIS),
        ("quiero tirar la ropa vieja que no le queda", None),
        # A fear of scalding asks how to avoid one; a scald that happened is still one.
        ("how warm for the bath? always nervous about scalding him", None),
        ("i was nervous about scalding him and then the tap ran hot, his feet are red raw", URGENT),
        # The parent's own faint; the baby's.
        ("i passed out in the shower yesterday, all fine, just low blood pressure", None),
        ("she passed out in my arms and is still not responding", URGENT),
        # A fever that may come after the jabs; a fever there now.
        ("we have the 8 week jabs friday, she might get a temperature after, ok to massage?", None),
        ("she's 7 weeks and has had a temperature since her jabs this morning", URGENT),
        # A worry that a feed will come back up; vomiting that goes on.
        ("je viens de lui donner le sein, si je masse maintenant il va tout vomir?", None),
        ("il vomit tout depuis hier soir, même l'eau", URGENT),
        # Straining with nothing coming out is constipation, not a baby off feeds.
        ("está estreñida, puja y no sale nada, qué masaje le hago?", None),
        # A resolved fit long ago; a fit today after days of being fine.
        ("he had a febrile seizure in the summer, been fine ever since, can we massage?", None),
        ("she'd been fine for days but this morning she had a seizure", URGENT),
    ],
)
def test_an_urge_a_fear_a_maybe_and_what_is_over(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A rash still there, asked about for the massage; the same rash with a fever.
        ("the rash on her arm is still there, do I massage around it?", None),
        ("the rash on her arm is still there and she has a fever now, massage around it?", URGENT),
        # A head turned or shaken as a cue; jerks with stiffness asked about as one.
        ("she shakes her head when I start the face strokes, is that her cue to stop?", None),
        ("his legs keep jerking and he has gone stiff, is that a cue?", URGENT),
        # A relief once a doctor listened; someone's word that it is nothing is no end.
        ("her breathing sounded rattly so the GP listened, just a cold, so relieved", None),
        ("he's vomiting green and my mum says it's just wind", URGENT),
    ],
)
def test_a_rash_asked_about_a_cue_and_a_relief(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A height lingered at, told at length; a bridge crossed on the way.
        (
            "been pulling over on the bridge every day this week after nursery drop off, just"
            " looking down",
            CRISIS,
        ),
        ("we walked over the bridge to the park and looked down at the ducks", None),
        # Feeling lighter after letters to everyone; a card to everyone after the class.
        ("wrote letters to everyone last night, weirdly I feel lighter now", CRISIS),
        # On purpose, with the baby joined to the verb; a spoon dropped on purpose.
        ("parfois j'ai envie de le lâcher exprès quand il hurle", CRISIS),
        ("he drops his spoon on purpose now and laughs", None),
        # A young baby off her feeds and not herself; an older one fussy with a cold.
        ("she's 6 weeks, not interested in her bottles today and just not herself", URGENT),
        # Drowsy and cold after a sleep unlike him, laughed off; a sleepy baby after class.
        ("slept 5 hours which never happens, he can barely keep his eyes open lol", URGENT),
        ("so sleepy after class he could barely keep his eyes open lol, so cute", None),
    ],
)
def test_a_height_a_goodbye_on_purpose_and_a_baby_not_herself(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A fit that has passed is still an emergency; one checked by a doctor long ago is not.
        ("ela teve uma convulsão com febre, já passou e agora dorme", URGENT),
        ("ele teve uma convulsão febril em março, o pediatra viu e está tudo certo", None),
        # Nearly shaking the baby is a crisis alone; the parent not wanting to wake up too.
        ("I nearly shook her tonight, I had to walk out of the room", CRISIS),
        ("a veces pienso que sería mejor no despertarme nunca", CRISIS),
    ],
)
def test_a_fit_that_passed_nearly_shaking_and_not_waking_oneself(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # No reaction to an oil, a routine with no tears, an illness not passed on; their twins.
        ("tried the sunflower oil on her arm yesterday, no reaction so far", None),
        ("he doesn't react when I call him and feels floppy", URGENT),
        ("finally did the whole massage with no tears today", None),
        ("she cries with no tears and her mouth is dry", URGENT),
        ("tiene mocos y no quiero pegárselo a los otros bebés, no vamos", None),
    ],
)
def test_no_reaction_no_tears_and_an_illness_not_passed_on(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Goodbyes said ahead and the calm of it; a goodbye at the end of the course.
        ("what time on friday? I've said my goodbyes to my sisters, feels right somehow", CRISIS),
        ("said our goodbyes to everyone at the last class, feels right to finish on a high", None),
        # One's things shared out for after; a husband's joke about a parking ticket.
        ("is there a recording? I've written down who gets my things after I'm gone", CRISIS),
        ("parking again? my partner will kill me if I get another fine lol", None),
    ],
)
def test_goodbyes_things_shared_out_and_a_joke(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A laugh after "better off without me" or "I may not be here by then" masks a crisis
        # (in every language, as in English); after a tired joke it still says "joking".
        ("¿a qué hora es el martes? a veces creo que estarían mejor sin mí jajaja", CRISIS),
        ("hoe laat beginnen we? ze zijn beter af zonder mij denk ik haha", CRISIS),
        ("a che ora è la lezione? non so se ci sarò ancora lol", CRISIS),
        ("ce petit va me tuer mdr, il a encore tout recraché", None),
        # Hiding under the duvet for a weekend is a wish for sleep, not to disappear.
        ("j'ai envie de disparaître sous la couette tout le week-end mdr", None),
        ("ich will unter der Decke verschwinden bis Montag 😴 wann ist der Kurs?", None),
        ("I lie under the duvet all day wanting to die", CRISIS),
        # One's own things given away, in dialect or not; a pram handed on is a clear-out.
        ("hab meine Sachen schon verschenkt, brauch ich ja bald nicht mehr", CRISIS),
        ("ho dato via le mie cose, tanto non mi serviranno più", CRISIS),
        # Pills counted to see if they would be enough; the fear of what one might do.
        ("ich hab die Tabletten gezählt, ob sie reichen würden", CRISIS),
        ("me dio miedo lo que le podía hacer y salí de la habitación", CRISIS),
        # Some of a set of magnets cannot be found: swallowed until shown otherwise.
        ("tinha 4 ímanes na mesa e agora só acho 2", URGENT),
        # A steering wheel let go of is a crisis of the parent, not a baby dropped.
        ("parfois j'ai envie de lâcher le volant dans un virage", CRISIS),
    ],
)
def test_a_laugh_a_duvet_things_given_away_and_pieces_missing(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A babygrow's or a cuddly toy's pattern is not a purple rash; the twin is one.
        ("ele vai de body roxo às bolinhas hoje 😍", None),
        ("sie hat lila Punkte am Bauch, die nicht weggehen", URGENT),
        # A blister from the BCG jab, seen by the nurse, is not a burn.
        ("the BCG jab left a little blister with pus, nurse says that's expected", None),
        ("la vacuna BCG le dejó una ampolla, el pediatra dice que es normal", None),
        # Jerks the paediatrician has called normal; a 4-year-old's knock seen as a precaution.
        ("córka czasem drgnie przy zasypianiu, lekarz powiedział że to normalne", None),
        ("his big sister bumped her head at school, GP is seeing her, just a precaution", None),
        # A tablet swallowed when an older child was one, which ended well.
        ("zjadła kiedyś pastylkę do zmywarki jak miała rok, skończyło się dobrze", None),
        # A doll brought round by a big sister; a baby floppy as a rag doll is still one.
        ("meine Große hat ihrer Puppe heute Herzdruckmassage gemacht 😂", None),
        ("jest wiotka jak szmaciana lalka i nie mogę jej dobudzić", URGENT),
    ],
)
def test_a_pattern_a_jab_a_doctor_s_word_and_a_doll(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A fear of a choke when weaning is asked about; a choke now is not a fear.
        ("on commence la diversification, j'ai peur qu'elle s'étouffe avec les morceaux", None),
        ("she's choking on a piece of apple and going red", URGENT),
        # Parking in the blue zone; a baby shower's gift; a class one is shy to go back to.
        ("¿se puede aparcar en la zona azul delante del centro?", None),
        ("on m'a offert une huile pour bébé à mon shower, elle est bien ?", None),
        ("il a hurlé pendant tout le cours, j'ose plus revenir la semaine prochaine", None),
    ],
)
def test_a_weaning_fear_a_parking_zone_a_gift_and_a_shy_return(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A goodbye that wishes the others well; one that hands one's own baby over.
        ("thanks for everything ladies, take care of yourselves and your little ones", None),
        ("dziękuję za wszystko, dbajcie o siebie i o maluszki", None),
        ("danke für alles, passt gut auf meinen Kleinen auf", CRISIS),
    ],
)
def test_take_care_of_yourselves_or_of_my_baby(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A fear of drowning asked about at bath time; a baby under the water now.
        ("à quel âge peut-il rester assis seul dans le bain ? j'ai peur de la noyade", None),
        ("he slipped under the bath water and came up coughing and now he's floppy", URGENT),
        # Asleep "like the dead" after a massage.
        ("nach der Massage eingeschlafen wie tot, drei Stunden am Stück 😅", None),
    ],
)
def test_a_fear_of_drowning_and_sleeping_like_the_dead(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # The urge to let go of the wheel is a wish to crash, laugh or not; a toy wheel is not.
        ("let go of the steering wheel on the way home tonight, I really wanted to lol", CRISIS),
        ("manchmal will ich auf der Landstraße einfach das Lenkrad loslassen", CRISIS),
        ("my toddler loves turning the toy steering wheel on his pram", None),
    ],
)
def test_the_urge_to_let_go_of_the_wheel_gets_the_crisis_reply(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "Fine before" tells a sudden change, not a scare that is over.
        ("no abre los ojos aunque le hablo y le toco la carita. Antes estaba bien.", URGENT),
        ("I took a video of the seizure for the doctor, she is jerking again", URGENT),
        # Something swallowed told as passed through; one of several magnets is not.
        ("la semaine dernière il a avalé une pièce, elle est ressortie dans la couche", None),
        ("swallowed a magnet, one came out in her nappy but there were three", URGENT),
        ("he swallowed a button battery, we haven't found it in his nappy yet", URGENT),
        # "No bump" is the bump's "no", not a baby off her feeds.
        ("ieri è scivolato dal divano, visto dal pediatra, niente bernoccolo, mangia oggi", None),
    ],
)
def test_a_sudden_change_and_a_coin_passed(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "Just so I know" before a sign told now asks about now.
        ("just so I know, is it normal she is breathing fast and grunting", URGENT),
        # "When do you call 112" with the sign now is a parent asking in the middle of it, and a
        # question about the future beside a sign now is about now too.
        ("wann muss man 112 rufen sie atmet nicht mehr", URGENT),
        ("he's floppy and won't wake properly, before anything happens should I call", URGENT),
    ],
)
def test_a_sign_told_now_beside_a_question_for_later_is_an_emergency(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A joke taken back by "but" before what follows cancels nothing after it.
        ("nur Spaß aber ich hab schon nachgeschaut wie hoch die Brücke am Bahnhof ist", CRISIS),
        # Hyperbole before the joke word stays a joke.
        ("this teething is killing me lol, just kidding but I'm shattered", None),
    ],
)
def test_a_joke_taken_back_by_but_cancels_nothing_said_after_it(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "No reaction" said of the baby is the sign in every language we read, after a massage
        # with oil or cream too; "no reaction to the oil" is not.
        ("ich hab getestet ob er auf meine Stimme hört, keine Reaktion", URGENT),
        ("geen reactie als ik haar roep, ze ligt helemaal stil", URGENT),
        ("nessuna reazione quando lo tocco, è tutto molle", URGENT),
        ("after his oil massage he's lying there, no reaction when I clap", URGENT),
        ("le di el masaje con aceite y ahora sin reacción cuando le hablo", URGENT),
        ("passei creme nela e agora nenhuma reação quando a chamo", URGENT),
        ("we went with the grapeseed oil too, no reaction to the oil so far", None),
    ],
)
def test_no_reaction_is_a_baby_who_does_not_react_not_a_reaction_to_the_oil(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A figure said of the baby too, after the parent's own illness, is the baby's.
        ("Ich habe Grippe und jetzt 38,5 auch beim Kleinen, er ist 7 Wochen", URGENT),
        ("I have mastitis, and 38.4 on him as well, he is only 5 weeks", URGENT),
        ("I've got flu and 39.5, baby is totally fine, should I skip Thursday?", None),
    ],
)
def test_a_figure_said_of_the_baby_too_is_the_baby_s(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Something swallowed that came out in the nappy; with a "but" the story is not over.
        (
            "swallowed a water bead but it came out in his poo, his tummy is hard and he screams",
            URGENT,
        ),
        # A doll named only to say it is not the doll, the parent's own baby named after the
        # doll, and a doll after a sign told now.
        ("practiqué con el muñeco ayer, hoy mi bebé se puso morado y no respira", URGENT),
        ("this isn't the practice doll it's my actual baby and he has stopped breathing", URGENT),
        ("she's going blue and not breathing right, class doll never looked like this", URGENT),
        ("la poupée d'exercice est tombée sur la tête, tout le monde a rigolé", None),
        ("lalka do ćwiczeń spadła z ławki na głowę, wszyscy w śmiech", None),
    ],
)
def test_a_turn_or_a_doll_do_not_hide_a_baby_s_red_flag(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Life after the parent, gone for good, asked as a hypothetical is a goodbye put at a
        # distance.
        ("hypothetically, if a mum died, would her baby even remember her?", CRISIS),
        ("rein theoretisch, wenn ich für immer weg wäre, würde sie mich vergessen?", CRISIS),
        ("en théorie, si je venais à disparaître, qui aurait la garde du petit ?", CRISIS),
        ("stel dat ik er niet meer zou zijn, zou hij me missen?", CRISIS),
        # A partner at work or a phone nearly flat beside it says nothing of who is gone.
        (
            "my partner's at work and my phone is on 5 percent, if a mum disappeared forever"
            " would her baby remember her",
            CRISIS,
        ),
        (
            "mein Freund ist auf Arbeit und mein Handy fast leer, aber mal ehrlich, wenn eine"
            " Mutter für immer weg wäre, würde das Baby sie vergessen?",
            CRISIS,
        ),
        # The parent's own death, a day beside it or not; never a way of speaking.
        ("if I died tomorrow would she even remember me", CRISIS),
        ("wenn ich sterben würde, würde sie sich überhaupt an mich erinnern?", CRISIS),
        ("si je mourais demain, est-ce qu'il se souviendrait de moi ?", CRISIS),
        (
            "if I die of embarrassment at class, will you all remember me as the mum who cried?",
            None,
        ),
        ("wenn ich heute nacht sterbe, würde sie mich überhaupt vermissen?", CRISIS),
        # Who gets custody is asked by parents writing a will, the will often said apart.
        ("if I die who gets custody? we're doing the will with the solicitor next week", None),
        # Someone else's trip, in a clause of its own, is no day away of the parent's.
        (
            "mi marido está de viaje y el móvil sin batería, pero dime: si una madre se va para"
            " siempre, ¿el bebé la olvida?",
            CRISIS,
        ),
        # A day away, an evening out, work, a will, someone else's loss.
        ("if I'm not around next week because of a wedding, will she forget me?", None),
        ("if I'm not there on Thursday will she forget the strokes?", None),
        ("if im not around at bedtime will he be ok with his dad doing the massage?", None),
        ("si yo falto a una clase, ¿el bebé se olvida de la rutina?", None),
        ("als ik er niet ben mist ze me, ze huilt bij oma", None),
        ("we're writing our wills, if I died who gets custody of the baby?", None),
        ("if someone dies when she's this little will she remember? my nan is in a hospice", None),
    ],
)
def test_life_after_the_parent_asked_as_a_hypothetical_gets_the_crisis_reply(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # French "pile" is a battery with its article ("une pile", "la pile de la télécommande")
        # and "exactly" without one ("pile au moment où"); "une pile de linge" is a stack.
        ("elle se réveille toujours pile au moment où je m'assois pour manger", None),
        ("il s'endort pile quand il faut partir et après il veut manger toutes les heures", None),
        ("j'ai une pile de bodies à plier et il refuse de manger sa purée", None),
        ("elle a avalé une pile de la balance, je fais quoi", URGENT),
        ("je crois qu'il a mangé la pile de la télécommande", URGENT),
        # A parent who will not wake a sleeping baby for the class, with a word in between.
        ("endlich Ruhe, ich weck sie doch nicht wegen dem Kurs", None),
        ("ich weck ihn jetzt nicht, er atmet so komisch und ganz schnell", URGENT),
    ],
)
def test_a_word_with_two_meanings_is_read_by_the_words_beside_it(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A toy ambulance or one printed on a babygrow calls no one; one on its way beside it
        # still does.
        ("got her a toy ambulance for christmas, she loves the flashing lights", None),
        ("we're waiting for the ambulance, he's still clutching his toy ambulance", URGENT),
        ("la ambulancia viene de camino, él sigue con su pijama de ambulancia puesto", URGENT),
        # What an antenatal class taught is a course talked about, like a first-aid course;
        # the ambulance it said to call, called now, is not.
        (
            "na szkole rodzenia uczyli nas, co robić przy zadławieniu, czy na kursie też to"
            " będzie?",
            None,
        ),
        (
            "at the antenatal class they told us to ring for an ambulance if she ever goes"
            " floppy, so I did, it's on its way",
            URGENT,
        ),
    ],
)
def test_a_toy_ambulance_or_an_antenatal_class_is_no_call_for_help(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Hands and feet a little blue after the bath or undressed, back once warm: the cold.
        ("il a les mains un peu bleutées en sortant du bain, c'est normal ?", None),
        ("ses pieds sont un peu violets après le bain, ça revient quand je l'habille", None),
        ("his hands are blue after the bath and he's really floppy", URGENT),
        # The bath told of another time, a sentence before: the grey hands are now.
        ("we did the leg strokes after her bath. cold hands ashy", URGENT),
        # Spanish "pies" (feet) is Polish "pies" (a dog): the baby's feet are never a pet's.
        ("le vi los pies morados y respira rapidísimo", URGENT),
        ("pies zjadł kawałek sera, weterynarz mówi że wszystko ok", None),
    ],
)
def test_blue_hands_after_the_bath_and_feet_that_are_not_a_dog(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Portuguese "quem" (who) is no Spanish burn ("quemó", "quemadura").
        ("quem cuida do bebê amanhã de manhã?", None),
        ("quem leva o bebê à aula na quinta é o pai", None),
        ("se quemó con el agua del baño, tiene la piel roja y ampollas", URGENT),
        ("el bebé tiene una quemadura en la mano de la estufa", URGENT),
    ],
)
def test_who_in_portuguese_is_no_spanish_burn(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Who looks after the baby today is no threat to take the baby away.
        ("hoje ele fica com a bebé enquanto eu vou à aula", None),
        ("a avó fica com o bebê amanhã de manhã", None),
        ("ele diz que fica com o bebê se eu pedir o divórcio, tenho medo dele", CRISIS),
    ],
)
def test_who_keeps_the_baby_today_is_no_threat(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A baby who no longer wakes in the night is sleeping through, in every language.
        ("two nights in a row he didn't wake at 2 am, is it the massage?", None),
        ("desde que empezamos con los masajes ya no se despierta a las 4", None),
        ("sie wacht nachts nicht mehr auf, seit wir abends massieren", None),
        ("depuis lundi il ne se réveille plus vers 3 h, trop bien", None),
        ("ela já não acorda de madrugada desde a semana passada", None),
        ("da quando facciamo il massaggio non si sveglia più alle 2", None),
        ("hij wordt 's nachts niet meer wakker sinds de cursus", None),
        ("od tygodnia nie budzi się w nocy, cudownie", None),
        # Trying to wake the baby, a sign, or a parent who would rather not wake keep it.
        ("I can't wake him for his night feed, he's 5 months and so hard to rouse", URGENT),
        ("ich krieg sie nachts nicht wach zum Stillen, sie ist ganz schlapp", URGENT),
        ("no consigo despertarla para la toma de la noche, está muy flojita", URGENT),
        ("j'ai cherché comment ne pas me réveiller à 4 h cette nuit", CRISIS),
        # Still asleep, warm, a call asked about, or a baby of weeks: never sleeping through.
        ("he hasn't woken up since last night and it's nearly noon", URGENT),
        ("she didn't wake for her night feed and feels warm to the touch", URGENT),
        ("he didn't wake at 2 am for his bottle, should I call 111?", URGENT),
        ("my 5 week old didn't wake at 3 am for his feed", URGENT),
    ],
)
def test_a_baby_who_sleeps_through_is_not_one_who_will_not_wake(
    text: str, kind: str | None
) -> None:
    verdict = MODEL.check(text)
    if kind == CRISIS:
        # Searched at night: the rules read it as a baby who will not wake, so the parent gets
        # a safety reply with the numbers; never nothing.
        assert verdict.kind is not None, text
    else:
        assert verdict.kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Blood that keeps coming is no joke, whatever laugh follows it.
        ("bateu a boca na mesa, o sangue não para faz 20 minutos, ensopei 3 paninhos kkk", URGENT),
        ("se mordió la lengua y sale sangre sin parar hace media hora jajaja es normal?", URGENT),
        ("his nose has been bleeding nonstop for 25 minutes lol should I worry", URGENT),
        # Nonstop said of the feeding, not of the blood.
        ("mama sem parar kkk e tem um pouquinho de sangue no coto", None),
        # A scare laughed off stays quiet; so does breath lost to laughter.
        ("her lips went all purple, turned out it was the beetroot puree 😂", None),
        ("we were in stitches, I couldn't breathe for laughing at her face", None),
        ("er kriegt keine Luft vor Lachen, wenn der Hund niest", None),
        ("she was laughing and then suddenly couldn't breathe and went floppy", URGENT),
    ],
)
def test_bleeding_that_keeps_coming_is_not_laughed_off(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # An older brother or sister's knock, told as over, is theirs.
        ("mi hija mayor se cayó del tobogán y se dio en la frente, pero ya está corriendo", None),
        ("el hermano mayor se golpeó la cabeza con la mesa, pero ya juega feliz", None),
        # A child's knock with sickness after it is an emergency all the same.
        ("mi hijo mayor se golpeó la cabeza, ya está jugando, pero ahora vomita", URGENT),
        ("my eldest bumped his head on the slide, cried a second and was off playing again", None),
        # The baby's knock is still the baby's.
        ("se cayó de la cama y se dio en la cabeza, está adormilado y vomitó", URGENT),
        # A fit that was checked and found fine; a first aid course with "if he chokes".
        ("la semaine dernière il a fait une convulsion avec la fièvre, examens normaux, RAS", None),
        # A fit minutes ago is not the one that was checked.
        ("il a fait une convulsion il y a 10 minutes, examens normaux le mois dernier", URGENT),
        (
            "vous connaissez une formation premiers secours ? savoir quoi faire si il s'étouffe",
            None,
        ),
        # A series about emergencies, then a massage question that helps with sleep.
        ("vi uma série sobre urgências de bebês, fiquei nervosa. a massagem ajuda no sono?", None),
    ],
)
def test_a_sibling_s_knock_a_checked_fit_and_a_series(text: str, kind: str | None) -> None:
    assert MODEL.check(text).kind == kind, text


def test_a_misspelt_sign_a_frame_never_explains_is_reported(tmp_path: Path) -> None:
    rules = (Path(__file__).resolve().parents[1] / "content" / "safety" / "rules.toml").read_text(
        encoding="utf-8"
    )
    broken = rules.replace('unless_signs = "soak_through"', 'unless_signs = "soak_thru"')
    assert broken != rules
    path = tmp_path / "rules.toml"
    path.write_text(broken, encoding="utf-8")
    problems: list[str] = []
    load_rules(path, problems)
    assert any("soak_thru" in problem and "laughed-off" in problem for problem in problems)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Breath caught again after crying is no breathing trouble.
        ("se piange forte poi riprende fiato, normale?", None),
        ("płacze i potem łapie oddech, to normalne?", None),
        # A colour after crying, a limp baby after it, breath not caught: read.
        (
            "found him face down on the pillow, grey and slow to react. he's crying now, is he"
            " ok??",
            URGENT,
        ),
        ("he went purple screaming and then went all floppy", URGENT),
        ("non riesce a riprendere fiato, è blu", URGENT),
        # One meal or one way of feeding refused with the milk taken; wet nappies alone are no
        # feed taken, and a sleepy baby keeps the reply.
        ("les dents le font souffrir, il a rien mangé ce midi mais il boit bien son lait", None),
        ("de fles weigert ze bij papa, aan de borst geen probleem, tips?", None),
        ("he hasn't fed since 6am, his nappies are wet though, is that ok", URGENT),
        ("no quiere el biberón desde ayer, toma bien el pecho pero está muy decaído", URGENT),
        # A heat rash gone after the bath; a burn from a radiator is still one.
        ("puntini rossi sul collo per il caldo, dopo il bagnetto erano già spariti", None),
        ("czerwone kropki na szyi od przegrzania, po kąpieli już zniknęły", None),
        ("his hand touched the radiator, it's red and blistering from the heat", URGENT),
        # Under 3 months, a baby who does not wake to feed; at 7 months, sleeping through.
        ("my 6 week old slept through his night feeds, didn't wake at all for 9 hours", URGENT),
        ("my 7 week old has started sleeping 8 hours straight, no night feed", URGENT),
        ("moja 8 miesięczna córka ma 38,2, ząbkuje", None),
        ("mi bebé de 3 semanas no se despierta para las tomas", URGENT),
        ("a 7 mois il ne se réveille plus pour la tétée de nuit, la pédiatre est contente", None),
        ("she's 3 weeks old and I don't want to wake her for a feed, ok to let her sleep?", None),
        ("my 3 week old won't take her feeds and seems off", URGENT),
        # The "not" of a baby who cannot poo is the poo's, not the feed's.
        ("seit dem Brei kann sie nicht mehr richtig kacken, welche Massage hilft?", None),
        ("er trinkt seit gestern nicht mehr und kackt nicht", URGENT),
    ],
)
def test_breath_caught_a_meal_refused_a_heat_rash_and_a_newborn_asleep(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Breathless from a fit of laughter told before it; a colour, a grunt or a choke kept.
        ("she had a giggle fit during the leg strokes and ran out of breath, so cute", None),
        ("he laughs so hard at the peekaboo that he loses his breath for a sec lol", None),
        ("he was laughing so hard then stopped breathing and went blue", URGENT),
        ("he laughs so hard and then makes a grunting noise with every breath", URGENT),
        ("fit of giggles then he choked on a grape and can't breathe", URGENT),
        # Spots that fade under a glass, told after the test; ones that do not stay urgent.
        ("little red spots on her chest, I pressed a glass on them and they disappeared", None),
        ("j'ai fait le test du verre sur ses boutons et ça disparaît, c'est la chaleur ?", None),
        ("did the glass test and the spots don't disappear", URGENT),
        ("j'ai fait le test du verre et ça disparaît pas", URGENT),
        ("the spots are purple, glass test and they fade but she's floppy and has 39", URGENT),
        # The syndrome named in a programme; the name said of the baby stays urgent.
        ("watched a documentary on shaken baby syndrome last night, can't stop thinking", None),
        ("ich glaube er hat ein Schütteltrauma, mein Freund hat ihn geschüttelt", URGENT),
        (
            "watched a documentary on shaken baby syndrome, and my husband shook our son hard",
            URGENT,
        ),
        # Someone else's postpartum psychosis told as over; "I think I'm getting it too" kept.
        ("my cousin had postpartum psychosis after her twins and she's doing great now", None),
        (
            "my sister had postpartum psychosis, she is fine now, but I think I'm getting it too",
            CRISIS,
        ),
        # Milk swallowed the wrong way with a cough and the feed carried on; a sign after it kept.
        ("he gulped too fast, coughed twice and carried on feeding, normal?", None),
        (
            "she choked on her milk and went blue for a few seconds, then carried on drinking",
            URGENT,
        ),
        (
            "Sie hat sich verschluckt und trinkt weiter, aber jetzt zieht sich die Haut unter den"
            " Rippen ein",
            URGENT,
        ),
    ],
)
def test_a_laugh_a_faded_rash_a_programme_and_a_feed_carried_on(
    text: str, kind: str | None
) -> None:
    assert MODEL.check(text).kind == kind, text
