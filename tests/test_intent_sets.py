"""The everyday intents on the labelled sets: what the bot reads right today it keeps reading.

`intent-eval.tsv` and `intent-eval-v2.tsv` (English) are dev sets. The others are everyday
messages in English, Spanish, French and German, written blind (see the closing notes):
- `intent-eval-v3.tsv`: 298 of 388 before the intent rules of its change, 348 after;
- `intent-eval-v4.tsv` (4 December): 355 of 400 blind;
- `intent-eval-v5.tsv`, written after a first round of changes for v4: 339 blind;
- `intent-eval-v6.tsv`, written after all of them, each language on its own: 354 blind (350
  with the rules before them).
A review then found that some of those changes made real questions chatter or absences (a worry
told with "just wanted to say", a laugh, "half an hour late" in a question) and they were taken
back; the floors are what the rules read since: a "sharing" cue for news on a topic (never over
a worry or a question), "thanks for the handout", a question passed on, changing the language,
leaving and being forgotten in more words (a second review took back phrases that also ask
about something else: "switch language during the massage", "mich abmelden wenn wir krank sind").
On 5 December (sixth session) a question asked in words after a thank-you ("thanks, and I wanted
to ask if my husband can come") reads as a question, and a question word inside an idiom that
asks nothing ("that answered my question", "jetzt versteh ich's", "wer hätte gedacht") as nothing
asked: v4 366, v6 356. Formal letters of thanks read as thanks for a while (v6 360); a review
found they may also ask for something ("je souhaiterais une attestation") and are written to the
instructor, who should see them: they are passed on again.
`intent-review-v12.tsv`: that review's 189 messages (real questions said with thanks, "I was
wondering", idioms; thanks and news with question words): 133 read right before that day's
changes, 152 after; 4 read worse, each a question the parent says is settled ("I was going to ask
if there's class Tuesday but I found it") now passed on, none a question lost.
Then a statement said with a camera, a party, a crown or a first tooth reads as news even on an
FAQ topic ("premier massage à la maison 📸"), and a request typed like a search with "best" or
"recommendations" in it as a question ("best oil for baby massage please"): v3 349, v4 366, v5
354, v6 357, v12 152. (For an hour laughing, sleeping and besotted faces read as news too, v3 350,
v4 368, v5 356, v6 359; a review found them beside questions typed without a question mark,
"massage after the bath or before 😴", and they were taken out.)
`intent-review-v13.tsv`: that review's 159 messages: 117 read right before those two changes, 130
after; 5 read worse, each news with "the best" in it now passed on, none a question lost.
`intent-eval-v7.tsv` (5 December, seventh session): 400 everyday messages written blind, 100 in
each language: 373 read right before it was read (en 93, es 90, fr 94, de 96), 374 once a
crawler who "bouge sans arrêt" was no longer read as a baby's odd movements, 378 (and v4 367)
once a day or a date with "I can't" ending its clause ("morgen kann ich leider nicht", "el día
14 no puedo, tengo médico") and cancelling a day read as absences, and 381 (v3 350, v4 368, v6
359) once "change language to Spanish please" and its like in each language read as the language
setting, and "elimina toda la info que tienes de mí" as a request to delete one's data.
`intent-eval-v8.tsv` (6 December, tenth session): 400 everyday messages written blind, 100 in
each language, with replies to other parents, warm thank-you notes that recall hard weeks, and
idioms that sound dark ("not going to make it tomorrow"): 349 read right before it was read (en
87, es 84, fr 90, de 88). 352 once a message addressed to another parent by name ("@Priya it's
the door round the back") reads as chatter and a parent who will not wake a sleeping baby
("ich weck ihn nicht", "no pienso despertarle") as no emergency. Left: absences said as a
reason or a time to leave ("hab Physio", "on va faire l'impasse"), and the learned crisis net
alarmed by thank-you notes that recall tears at the first session (a first try at teaching it
with 320 such notes cost crises it caught, and was taken back).
`intent-eval-v9.tsv` (eleventh session): 400 everyday messages written blind, 100 per language,
at odd hours: rhetorical questions, milestones in capitals, absences said only by their reason,
plain-words requests. 315 read right before it was read (en 83, es 77, fr 79, de 76); 324 once
a missed German emergency (sucking a washing-up liquid bottle, "hat was geschluckt") and calm
messages read as emergencies ("hab die ganze Stunde gestillt und nix mitbekommen", "atoradas en
el tráfico", a tip that "hat mich gerettet") were mended, and the messages and the time they come
at ("the 7am messages", "les rappels arrivent avec le décalage horaire") read as the reminder
settings; 339 (v8 355, v6 360; these rows guided it, so the figure is seen, not blind) once
absences said by what the parent will do instead read as absences: coming after an appointment
("we'll pop in after", "caemos después", "wir kommen danach nach"), leaving early ("muss um
halb 12 früher los", "je vais devoir filer vers 11h30"), keeping a poorly baby home, "heut
klappts nicht", "pas possible aujourd'hui", and a visitor arriving on the class's day ("my
mother-in-law flies in that day"). Left: trips told without a word for missing ("ab dem 12. sind
wir eine Woche am Wörthersee"), a partner coming instead, a birthday to correct (no command
changes it), and the crisis net's alarms on short cheerful messages
("che qué lindo grupo se armó, en serio"): teaching it 960 plain everyday messages traded 36
calm messages for 33 crises it caught, and was taken back.
`intent-review-v14.tsv`: an outside review of that round (160 messages, 40 per language), aimed
at what it changed. Before the round 105; against my first version 107 (absences 27 of 48,
settings 15 of 32, two replies to other parents read as absences). It found summaries that come
at 22h, time zones asked by name ("bitte meine Zeitzone auf Zürich umstellen"), absences said as
"nos pasamos después", "on arrive dès qu'on peut", "kommen dann halt später", "a duvet day
instead of class", Swiss "mir chömed hüt nöd", and "lol Mia you're not the only one, I was 20
mins late" (an answer to another parent, now social like "@Mia ..."). After: 146 (seen; v3 351,
v4 369, v6 361).
`intent-eval-v10.tsv` (twelfth session): 400 everyday messages written blind, 100 per language:
news that tells a hard moment and how it ended, absences said sideways, a grandparent or partner
bringing the baby, plain-words requests. 331 read right before it was read (en 88, es 77, fr 82,
de 84). Missed most: a worry told with how it ended or what comes next ("she cried the whole
time, we'll try again tomorrow", "rough night after his jabs but all smiles this morning",
"on tient le coup"): the cue `closure` makes such a message social when nothing is asked ("it
works" and "ça marche" stay out: "it worked so well last week" is said of a worry); someone else
bringing the baby ("his nan will be coming with him", "c'est son papa qui viendra mardi",
"statt mir"): `someone-else-brings`; times set to a city while away ("put my times on Dubai
time") and messages switched to a language. After: 354 (seen; v4 370, v8 357, v9 343). Left:
a parent who missed a message "sorry missed that, just saw it" (read as a missed session),
replies of one word to another parent by name, photo captions with a sleeping face.
`intent-review-v15.tsv`: an outside review of that round (120 messages, 30 per language), aimed
at what it changed. Before the round 79; against my version 90. It found someone else bringing
the baby said with the name between ("my mum will bring oscar on thursday instead of me",
"bringt die Oma ihn"), reminders asked "on New York time", "en hora canaria", "à l'heure de
Montréal", and endings told as "sleeping like an angel now", "hoy ya está risueño", "ça va
mieux", "jetzt nur am strahlen". After: 111 (seen; no other set changed). Then, from v10's
misses: a message missed rather than a session ("sorry missed that, just saw it", "recién lo
leo"), a reason told with how it ended ("nuit agitée après les vaccins mais ce matin tout
sourire") no longer an absence, answers to another parent ("pareil chez nous Léa", "bei uns
genauso"), "on a décidé d'arrêter le cours", data "que tienen guardado", "5 de 5, todos los
días": v10 364, v9 344, this set 113 (seen); and a baby asleep after the massage said as a
caption ("massage coma", "quedó raja", "komplett hinüber"), and pride ("fiers de nous"; the
French words the matcher gained gave "10 jours de massage d'affilée" a topic): v10 368, v4
371. Left: "mon char
est au garage, je pense pas être capable de me rendre demain" (Quebec for "I can't get there")
alarms the crisis net.
`intent-eval-v11.tsv` (thirteenth session): 400 everyday messages written blind, 219 English
and 60 or so in each other language. 352 read right before it was read (de 55 of 60, en 185 of
219, es 54 of 60, fr 58 of 61). Missed most: chatter read as a question, 25 of 140: questions
said for effect ("how is it already week 4??", "why did nobody tell me about this sooner",
"is it just me or..."; now `not_asking`), worry words said in jest or over (a nap "out cold",
"I'm not crying, you're crying", a song stuck in one's head, teeth that "came through":
`worry_in_jest` and `resolved`), a hard moment with what comes next ("oh well, tomorrow",
"morgen neuer Versuch", "mañana otra vez": `closure`), captions ("first massage at home",
"look at those..."). Looking forward read as an absence ("can't wait for Thursday": `eager`);
luck wished to another parent for the jabs read as one's own clash; absences said as "miss it
again", "won't make the last session", "Thursday doesn't work for us this time", "don't think
we'll make it", "wir bleiben heute zuhause". Faces in love (🥰, 😍) were tried as a caption's
mark and taken back: the outside review v13 puts them beside unpunctuated questions ("Grandma
wants to have a go too 😍 allowed"). After: 387 (seen; v5 355, v6 362, v8 358, review v13 132).
Then a wish to leave the course said beside the sessions it will miss ("remove us please...
can't do Thursdays anymore", "quiero salir del curso, ya no vamos a ir") is leaving, not an
absence (never leaving early: "salir de la clase antes hoy"), and a message seen late ("sorry
missed that, just saw it", "recién lo leo") is chatter: this set 389, v4 372, v7 382, v8 359,
v10 369. Left: a recap asked beside
"we missed last week" (answered by the FAQ's missed-class topic), "delete it all... anymore"
read as a crisis by the learned net.
`intent-review-v16.tsv`: an outside review of that round (120 messages, 30 per language), aimed
at what it changed. Before the round 67; against my version 90. My first words were too
literal: "warum hat mir das keiner früher gesagt", "comment ça on est déjà à la semaine 4??",
"im not crying ur crying", "ich heul nicht, du heulst", "me voy a perder la clase otra vez",
"no creo que lleguemos mañana", "donnerstag passt uns diesmal leider nicht", "ça va pas le
faire pour nous", leaving "un poco antes". A course missed fondly ("das wird mir echt fehlen",
"voy a extrañar estas mañanas") was an absence (`miss_fondly`), and words said in jest, missed
fondly or looked forward to are now chatter even on a topic's words (rule `in-jest`); a time
said for effect is no /next. After: 117 (seen; v3 352, v5 356, v8 361, v10 371). Left: "wieso ist
die maus bloß so süß" (a "why" far from its "so cute"), "j'ai la comptine dans la tête...
au secours" given the emergency reply. Then from the left-over lists: a baby's months said
as news ("hoy cumple 4 meses 🎉" was a birthday that clashes: `age_milestone`) and a summary
"stuck on the fridge": v3 353, v5 357, v9 345, v10 373, this review 118.
`intent-eval-v12.tsv` (end of the thirteenth session): 200 everyday messages written blind after
the round, 50 per language. 174 read right before it was read (de 43, en 41, es 43, fr 47); at
the start of the session the same set read 171: the round's words carried over to unseen
messages a little. Chatter read as a question is still the biggest miss (64 of 80 social read
right).
`intent-eval-v13.tsv` (fourteenth session): 400 written blind (220 English, 60 in each other
language). 335 before it was read (de 53, en 177, es 50, fr 55). Missed most: chatter read as a
question (38 of 140): a worry told with how it ended ("panic over", "fausse alerte", "die
Kinderärztin meint alles ok": `closure_words`), laughter and happy tears ("crying laughing",
"I nearly cried": `worry_in_jest`), statements a question word sat in ("that's a great idea",
"thats exactly what mine does", "hope she's ok": `clause_word`), jokes ("who needs sleep",
"asking for a friend": `not_asking`); absences said sideways ("Thursday's a no from us", "looks
unlikely for tomorrow", "wird das nix", rule `day-no-go`; "miss the last one"); questions asked
without a question mark, told by their word order ("can massage make reflux worse", "is the
wifi password up somewhere": rule `asks-first`, read only at the start of the message). After:
374 (seen).
`intent-review-v17.tsv`: an outside review of that round (120 messages, true cases and their
look-alikes). 90 before the round, 104 against my version: happy tears and tears of laughter
("cried happy tears", "Freudentränen", "lloré de felicidad", "pleuré de joie"), relief ("so
relieved", "susto pasado"), "mach ich, danke", "she is the cutest when she's all oiled up".
After: 114 (seen).
`intent-eval-v14.tsv` (fourteenth session, second round): 400 written blind. 349 before it was
read (345 at the start of the session). Chatter read as a question was again the most (34 of
140): apologies for a baby's noise ("sorry the crying today was mine"), "mine too" and "le
mien pareil" to another parent, a colic night the strokes settled, "works grand for us",
"lifesaver"; absences given by their reason ("wir liegen beide flach", "both sick, we'll catch
up next week", "sneak out 15 min early"); requests said plainly ("change my baby's name to
Ollie", "the write-up for the leg strokes week", "alle meine daten und die von meinem sohn
löschen"); and three false crisis or emergency replies from the safety rules ("I'm scared I'm
going to shake him" also read as the baby's own shaking, "my baby's info", "stop sending me
messages"). After: 378 (seen).
`intent-eval-v15.tsv` (end of the fourteenth session): 200 written blind after both rounds, 50
per language. 173 before it was read (de 45, en 44, es 41, fr 43); at the start of the session
the same set reads 168. Kept as a floor, not tuned on (175 after the safety words the end sets
led to: "nearly shook him" and "no despertarme" now get the crisis reply alone).
`intent-eval-v16.tsv` (fourteenth session, written last): 240 written blind across a whole
course, 60 per language. 205 before it was read (de 53, en 50, es 49, fr 53). Missed most:
chatter read as a question (21 of 96 social): a worry easing "touch wood", "je croise les
doigts", "ya no llora tanto", "viel besser geworden", a small win, "I know the feeling";
absences given by their reason ("Stunde 4 fällt für uns aus", "not us this week", "nos perdemos
la cuarta sesión", "bleiben wir daheim"); three false safety replies ("no reaction so far" to an
oil, "the whole routine with no tears", "no quiero pegársela a nadie": `unresponsive_ok`,
`tears_ok`, `crisis_ok`). After: 224 (seen).
`intent-eval-v17.tsv` (fifteenth session): 240 written blind at the edges of a course (the night
before the first class, replies to an announcement, the last class and after), 60 per language.
198 before it was read (de 45, en 54, es 47, fr 52). Missed most: news told at length read as a
question (19 of 96 social): a story with nothing asked and no FAQ topic is now social with the
rule `unasked`, and the parent gets a heart and a line with the button that passes it on; a
request in a statement's form ("please", "je souhaiterais", "ich bräuchte") still goes to the
instructor. German "wie" and French "c'est elle qui", "quand j'ai" inside a sentence ask
nothing. After: 207 (seen). Left: absences told by who brings the baby ("c'est mon conjoint qui
vient aujourd'hui"), a wedding on the last day and thanks at the end of the course read as a
crisis by the learned net, a delete request in Spanish read as a crisis.
`intent-eval-v18.tsv` (end of the fifteenth session): 200 written blind after the round, 50
per language, each a reply to the bot or the instructor. 177 at the start of the session, 178
before it was read (de 45, en 47, es 39, fr 47). Then: Spanish "qué bonito" and "no lo puedo
creer" ask nothing, "llorando de emoción" is no worry, "sounds like we're fine" closes one.
After: 180 (seen). Left: "mach ich" (will do) in a German question, either-or questions with
no question mark ("sigo con los pies o mejor nada"), a delete request read as a crisis.
`intent-eval-v19.tsv` (sixteenth session): 200 written blind, 50 per language, sent between
sessions (answers to the check-in and announcements, home practice told, a partner or a
grandparent writing). 168 before it was read, and the same at the start of the session (de 40,
en 44, es 42, fr 42). Built: news opened for effect ("tu sais quoi ?", "¿te puedes creer?",
"wer hätte gedacht") asks nothing; "on rate les séances 4 et 5", "un quart d'heure de retard",
"wir bleiben diese Woche daheim", "perdón por no ir ayer" are absences; sessions in the plural
count as sessions; tears "de la emoción" are no worry; German "zu meiner Zeit" (in my day) is no
time zone, "heißt das" asks; "así son no?" and "ok pour la salle 2" ask nothing. A plan with a
promise to tell how it went ("je vous redis", "will report back") was read as closing a worry
and taken back the same day: "he's had a rash for 3 days and he's off his food, I'll keep you
posted" needs an answer. After: 185 (seen). Left: six messages the learned crisis net reads as
a crisis (ice on the pavement, a dad's joke, a delete request) and a parent's stomach bug "all
night" read as the baby's vomiting.
`intent-eval-v20.tsv` (end of the sixteenth session): 200 written blind after the round, 50 per
language, from the first two weeks of a course (introductions, new to Telegram, the first try at
home, sessions missed with the reason first). 176 at the start of the session, 177 before it was
read (de 46, en 41, es 44, fr 46). Built: a baby introduced ("pour vous situer", "kurz zu uns",
"just so you know"), new to Telegram, "ich nehm's" are sharing; "er ist ein", "salvo cuando", "a
normal human" inside a sentence ask nothing; "pull out of the course" is leaving; "no us next
Tuesday", "week 3 gone for us", half term, "kommt mein Mann mit" are absences. Then a choice at
the end of a message put without its question mark asks ("sigo o la dejo", "massage before or
after the evening feed 😴", "aceite de almendras sí o no"; rule `either-or`, never "or so", "o
sea", a day either way, "or is it just me", French "où" typed without its accent after a noun,
or a session missed told with its reason). After: 185 (seen). Left: an introduction with a
dislike in it ("hates being on her back") still read as a worry, a delete request and "primera
vez que uso telegram" read as a crisis by the learned net.
`intent-eval-v21.tsv` (seventeenth session): 200 written blind, 50 per language, from the group
chat and replies to the bot (voice-dictated, one-word reactions, a thanks with a follow-up, a
topic word told as news, questions said for effect). 177 before it was read, the same at the
start of the session (de 44, en 45, es 45, fr 43). A rule reading a "why ... always" laughed at
the end as venting ("why does she only poop the second the clean nappy goes on 😂") fixed five
to ten rows across the sets, but two outside reviews found it hid real questions ("why is there
no class today 😅", "why does my payment always fail lol", "why does she always arch her back
the second I lay her down 😅"): not kept. Left as measured: 177. Left: questions said for effect,
statements with a topic word told as news ("c'est devenu notre rituel du soir 💕") read as
questions, German "wie" for "like" read as a question word, a baby looking away ("dreht die
Augen weg") and an oil skin test with "aucune réaction" read as emergencies, a delete request
read as a crisis by the learned net. Fixed the same day: German "wie ein", "genau wie", "wie
immer" compare and ask nothing ("er hat gepupst wie ein Weltmeister 😂"): one row more in each
of v3, v13, v15, v16 and v18. And "fällt für uns (leider) flach" is a session missed: v21 178,
one more in v5. ("Wipe it all" as /forgetme was taken back after a review: "should I wipe it
all off after the massage?".)
`intent-eval-v22.tsv` (eighteenth session): 200 written blind, 50 per language, a third of
them tricky (a thanks with a new question, an absence told as a story, a question hidden in
news, leaving the group but not the course). 152 before it was read (en 38, es 39, fr 38, de
37). Fixed: a language asked for by name ("can you switch to Spanish", "kannst du mir auf
Englisch schreiben": missed in all four languages, now the language buttons); news that follows
up an earlier question and closes it ("remember I asked about the dry patches? ... all good");
a session skipped, missed or come to late in the forms parents write ("on saute la séance",
"nos vamos a perder la última sesión", "wir kommen, aber später"); two emergency replies to
everyday words (French "pile" for "exactly", "ich weck ihn sicher nicht"). One row more in
each of v3, v5, v6 and v12. After: 164 (seen). Left: stories of a massage that helped told
with the worry's word ("ses coliques étaient beaucoup mieux ce soir") read as questions,
questions said for effect ("how is she 4 months already??"), "what did they cover" after a
missed week answered with the missed-class topic rather than the lesson, a birth date
corrected, leaving the Telegram group but not the course read as leaving the course, a delete
request read as a crisis by the learned net.
`intent-eval-v23.tsv` (nineteenth session): 200 written blind, 50 per language, 40% questions
(some hidden in a story or after thanks), 30% chatter, 15% absences said indirectly, 15%
commands asked in words. 177 before it was read (en 44, es 43, fr 45, de 45). Fixed: questions
said for effect ("how is he 5 months already?? where did the time go", "wer hat eigentlich
entschieden, dass Babys um 5 aufwachen??"); a parent's own tears of joy, wind let out after
the tummy strokes, "mach ich, danke", a photo "lista para la clase", a quoted stare ("like who
are you") read as news, not worries or questions ("réponse rapide" was read as a typo of
"raide"); a session let go in everyday words ("wird's eher nix", "on fera l'impasse", "die
letzten Termine fallen für uns flach"); questions that mention doing less ("can't manage
daily", "no llegamos ni a la mitad", "missing everything") no longer read as absences; two
emergency replies to a baby sleeping through; leaving asked of the instructors as "ustedes"
("sáquenme de la clase ... nos mudamos") read as an absence. After: 195 (seen), one row more in
v16, v18, review v14 and review v17. Left: two delete requests and a baby just asleep read as
crises by the learned net.
`intent-eval-v24.tsv` (twentieth session): 200 written blind, as v23. 177 before it was read
(en 42, es 44, fr 45, de 46). Fixed: "merci, ça m'a bien aidée" read as asking (a typo guess
turned "aidée" into a question word: `protected` now), "después se rió" read as a river and a
stare (a crisis: Spanish `high_place` names the river with its article). After: 179 (seen).
Left: "not waking her, we'll sit this one out" read as a baby who will not wake ("I am not
waking her up no matter what I do" says the same words of a baby who cannot be woken);
invitations to the others asked as questions ("anyone keen for a coffee after class?", "des
mamans partantes pour une balade ?", "wer von euch ist auch beim PEKiP?"), which go to the
instructor as questions; and the learned crisis net on "SHE SLEPT 6 HOURS STRAIGHT. i don't
know what to do with myself", a delete request and a pram that will not fit on the bus.
`intent-eval-v25.tsv` (twenty-first session): 200 written blind, 50 per language. 173 before it
was read (en 45, es 44, fr 42, de 42). Fixed: invitations to the other parents ("anyone fancy a
coffee after class?", "quien se anima a un paseo?", "qui serait partant ?", "hat jemand Lust
auf nen Kaffee?") asked nothing of the bot; "running late, she's just gone down and I don't want
to wake her" got the crisis reply from the learned net (`let_sleep`, a calm word: the nets need
to be surer beside it; also in v5, v7 and intent-eval); something at the class's own time
("pick her up from the airport right when class is on", "justo a la hora de clase") read as
asking when class is; a car at the garage and the hall too far to walk; jabs told with "ni
lloró, qué valiente" read as missing class for them; Swiss "mir bliibed lieber dihei"; Quebec
"bon matin tout le monde ☀️" (a greeting). After: 194 (seen), one more in v3 (German "Einheit"
as a lesson word), v5, v7, v9, intent-eval, two more in v24. Left: "¿qué tal estáis todos?"
(read as Portuguese) and "franchement ce cours c'est le meilleur moment de ma semaine ❤️" read
as questions, "mdr comment on fait" (the laugh beside the question word cancels it), a car at
the garage told with "zu Fuß ist es zu weit" (read as asking), a past early leaving read as
late, and "was haben wir in der 3. Stunde gemacht?" (the ordinal's full stop ends a sentence,
so the lesson words are read apart).
`intent-eval-v26.tsv` (twenty-second session): 200 written blind, 50 per language. 185 before it
was read (en 47, es 44, fr 49, de 45). Fixed: "why do they always wee the second the nappy comes
off 🙄😂" in all four languages (a why-always complaint ending in a laugh, `in_jest`: also in
v12, v13 and v22); "is it just me or did that hour fly by", "¿alguien más... o solo yo?", "wer
ist noch so fertig" (company sought, not asked); "can't believe how much they've grown" (a
marvel, not a worry); "wir bleiben diese Woche lieber daheim" read as a settings request (German
"diese" was a word for the bot's messages) and Swiss "mir sind am Dienstag nöd da"; "si se duerme
la despierto o la dejo?" read as a settings request ("despierto" corrected to the bot's "la
despertó"); "no llegamos ni a 10 min" (a length not reached) read as not arriving; "qué rápido
pasó la hora no? jaja" read as a question. After: 198 (seen), and more in v3, v5, v9, v12, v13,
v15, v22, v24 and review v12. Left: two absences told with a question about the summary, and
"qué rápido pasa el tiempo, ¿cuándo empiezan a gatear?" read as chatter before and after (the
marvel hides the question after it).
`intent-eval-v27.tsv` (twenty-third session): 200 written blind, 50 per language. 170 before it
was read (en 48, es 40, fr 40, de 42). Fixed: late by so many minutes, without an apology ("petit
retard de notre côté, 10 min max", "vamos con 15 min de retraso": `late-by-minutes`), Swiss "mir
chömed es bitzeli spöter" (also in v12), "llegamos un toque tarde, se acaba de dormir en el auto
y no la pienso despertar" (read as a baby who will not wake), "¿soy la única que se emociona...?"
(company sought); delight told in words the news cue did not know ("she grinned at him the whole
time, he's well chuffed", "trop chou", "j'ai fondu", "me muero de amor", "ich bin
dahingeschmolzen": also in v6, v17 and v20); "die Oma hat zugeschaut, wie ich massiere" (a
"wie" that tells how, not asks). After: 179 (en 49, es 43, fr 43, de 44). Left:
two long absence stories (a car at the garage, no taxi before 11) read as a crisis by the learned
net: making the net surer for a message that misses a session lost four crises that come
wrapped in one ("no voy a poder ir el jueves, la verdad no estoy bien"), so it was not landed;
chatter with a question mark ("qui a un bébé qui fait la fête à 4h du mat ? 😂", "who designed
vests with 12 poppers?").
`intent-eval-v28.tsv` (twenty-fourth session): 200 written blind, 50 per language. 175 before it
was read (en 43, es 46, fr 42, de 44). Fixed: chatter with a question mark that asks the others,
not the bot ("c'est moi ou...", "vous aussi vous avez...", "ist noch jemand um 4 Uhr wach",
"kennt ihr das", "alguien entiende por qué...", "who's up for a coffee", "if anyone fancies
it"); good news of a check-up read as missing class for it ("Heute beim Kinderarzt: alles
bestens, kerngesund"); "Jabs done, she was a total champ"; a car in the shop and "je peux pas
encore conduire (césa)" as reasons to miss; "ça va pas être possible" as not coming; "merci pour
l'astuce"; "kann ich einstellen, dass du mir abends nichts mehr schickst" (settings); "leave the
massage for a few days" (a pause, not leaving the class); "volver a masajearle" (a massage
question, not when the next session is). After: 186 (en 46, es 47, fr 46, de 47); one more right
in v3 and v24. Left: "Profe, ¿se podría grabar la clase?" told with a husband who cannot come
(read as an absence), a scare told as over ("la caca salió verde ... qué susto"), "top merci".
`intent-eval-v29.tsv` (twenty-sixth session): 200 written blind, 50 per language. 183 before it
was read (en 43, es 47, fr 49, de 44). Fixed: news on a topic's words with no question in it
("jabs done this morning and not a single tear, very proud mum", "Impfung ist durch, er hat kaum
gezuckt. Kleiner Held", "absolutely blissed out", "she is not impressed"; the FAQ's topic no
longer makes them questions), "there's a nice cafe round the corner" (a statement, not "is a"),
"anyone fancy a coffee" and "mag wer mit in den Park?" (to the other parents), "Guete Morge
mitenand", "Ist das nicht der süßeste Fuß der Welt??", "¿Saben qué?", "a diario no llego" (can't
manage daily, not can't come), "wir müssen leider aussetzen", "hab morgen leider Dienst", "can I
see the week 2 lesson again", "delete all the info you've got stored about me", "quitter la
classe". After: 198; ten more right in nine older sets, none worse. Left: "SIX HOURS... I don't
know who I am anymore 😂" (a joke on "don't know"), a dog that "wants his turn 😂" on the
massage's words.
`intent-eval-v30.tsv` (twenty-sixth session): 150 written blind in English, as parents in seven
countries type, late at night and by voice. 136 before it was read. Fixed: "thank you!! quick
one, can the oil go on her face or no" (a question without its mark), "coffee after?", "who is
this child 😳", "am I the only one who cried at the last class 😂", "weighed in at 6.2kg today,
health visitor happy" (news, not an appointment missed), "miss you all already" (fondness, not
an absence), "is it the same church hall next week or the new place" (the next session), "we're
not continuing, please stop sending the class stuff" (leaving). After: 144; no row of an older
set moved. Left: "why do they always poo the second the nappy's off" (a joke with nothing to
show it), a thank-you card with "Ellie is a massage addict now" ("is a" asks elsewhere), "when
I have her on Fridays" read as asking the day, and two given the crisis reply by the learned
net ("sorry for the late msg, just wanted to say thank you for everything", "I want everything
you've stored about us deleted"), which only new training data could quiet.
`intent-eval-v31.tsv` (twenty-seventh session): 150 written blind in English. 146 before it was
read. Fixed: "Dad here, did my first solo massage tonight. Nailed it (mostly)" and "first week
of daily massage, 7 out of 7!" (news, not a question on the topic's words), "does it matter
much if you miss a session? ... we're coming this week" (a session missed asked about), "hes
never sat still in his life 😂" (not a class still on). After: 150; no row of an older set
moved.
Each message is read as `python bot.py ask --json` reads it: the safety net and the FAQ first,
then the intents of the message's own language. Raise a floor when the intents improve; never
lower one.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from content.loader import load_content
from domain.faq_match import SAFETY_IDS

DATA = Path(__file__).parent / "data"
CONTENT = load_content()

# (set, read right at least, of)
FLOORS = [
    ("intent-eval.tsv", 339, 341),
    ("intent-eval-v2.tsv", 304, 306),
    ("intent-eval-v3.tsv", 361, 388),
    ("intent-eval-v4.tsv", 373, 400),
    ("intent-eval-v5.tsv", 367, 400),
    ("intent-eval-v6.tsv", 368, 400),
    ("intent-review-v12.tsv", 159, 189),
    ("intent-review-v13.tsv", 138, 159),
    ("intent-eval-v7.tsv", 385, 400),
    ("intent-eval-v8.tsv", 365, 400),
    ("intent-eval-v9.tsv", 354, 400),
    ("intent-review-v14.tsv", 149, 160),
    ("intent-eval-v10.tsv", 378, 400),
    ("intent-review-v15.tsv", 113, 120),
    ("intent-eval-v11.tsv", 392, 400),
    ("intent-review-v16.tsv", 118, 120),
    ("intent-eval-v12.tsv", 185, 200),
    ("intent-eval-v13.tsv", 377, 400),
    ("intent-review-v17.tsv", 115, 120),
    ("intent-eval-v14.tsv", 379, 400),
    ("intent-eval-v15.tsv", 179, 200),
    ("intent-eval-v16.tsv", 227, 240),
    ("intent-eval-v17.tsv", 209, 240),
    ("intent-eval-v18.tsv", 185, 200),
    ("intent-eval-v19.tsv", 185, 200),
    ("intent-eval-v20.tsv", 186, 200),
    ("intent-eval-v21.tsv", 178, 200),
    ("intent-eval-v22.tsv", 166, 200),
    ("intent-eval-v23.tsv", 195, 200),
    ("intent-eval-v24.tsv", 184, 200),
    ("intent-eval-v25.tsv", 194, 200),
    ("intent-eval-v26.tsv", 198, 200),
    ("intent-eval-v27.tsv", 179, 200),
    ("intent-eval-v28.tsv", 188, 200),
    ("intent-eval-v29.tsv", 198, 200),
    ("intent-eval-v30.tsv", 144, 150),
    ("intent-eval-v31.tsv", 150, 150),
]


def _intent(message: str) -> str:
    """The intent the bot reads in `message`."""
    lang, match = CONTENT.match(message, None)
    if match.id in SAFETY_IDS:
        return str(match.id)
    return CONTENT.intents_in(lang).classify(message, topic=match.id is not None).name


@pytest.mark.parametrize(("name", "floor", "total"), FLOORS)
def test_the_intents_keep_what_they_read_right(name: str, floor: int, total: int) -> None:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == total
    right = sum(1 for row in rows if _intent(row["message"]) == row["intent"])
    assert right >= floor, f"{name}: {right} of {total} read right (was {floor})"
