"""Made-up news articles in the seed format, the same bytes for the same count and seed, to benchmark on."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

FILES_PER_FOLDER = 1000
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 6, 14
MIN_WORDS, MAX_WORDS = 40, 90
NON_LATIN_EVERY = 20
"""One article in each run of 20 (at a place drawn per run) names someone in another script: 5%."""
ARABIC_PARAGRAPH_SHARE = 0.5
"""Of the articles naming someone in Arabic script, the share that also carry a paragraph in Arabic."""
WRAPPED_SHARE = 0.25
"""The share of articles hard-wrapped at a fixed width, as many real seed files are."""

YEAR = 2024
_FIRST_DAY = dt.date(YEAR, 1, 1)
_DAYS = (dt.date(YEAR + 1, 1, 1) - _FIRST_DAY).days
_EN_DASH = "\u2013"
_SPACED_EM_DASH = " \u2014 "


def _typeset(*texts: str) -> tuple[str, ...]:
    # ruff (RUF001) rejects the right single quote and the en dash in source as look-alikes, so the
    # tables spell them ' and -- and get the real characters once, here, at import.
    return tuple(text.replace("--", _EN_DASH).replace("'", "\u2019") for text in texts)


@dataclass(frozen=True)
class _Topic:
    """What one kind of story is made of: its organisation, openings, facts, quotations and speakers."""

    org: str
    """Template of the name of the organisation behind the news, used after 'the'."""
    short: str
    """How later sentences name that organisation."""
    leads: tuple[str, ...]
    """First sentences, which the title is derived from."""
    facts: tuple[str, ...]
    """Sentences of the body."""
    quotes: tuple[str, ...]
    """Quoted sentences, without their final punctuation."""
    roles: tuple[str, ...]
    """What named speakers are, written to follow their name."""


_TOPICS: tuple[_Topic, ...] = (
    _Topic(
        org="{place} Transport Board",
        short="transport board",
        leads=_typeset(
            "The transport board in {place} approved a {money_m} plan on {weekday} to extend the town's tram "
            "line by {km} into its eastern districts.",
            "Passengers on the {place} river ferry face a reduced timetable from {future_date} after one of its "
            "two vessels was withdrawn for repairs.",
            "Bus fares in {place} will rise by {pct} next month, the transport board said on {weekday}, blaming "
            "higher fuel and wage costs.",
            "A cycle bridge linking {place} and {place2} opened to the public on {weekday}, {num_word} years after "
            "it was first proposed.",
            "Night trains between {place} and {place2} will return this summer after a gap of {num_word} years, "
            "the operator announced on {weekday}.",
            "Engineers will close the main road through {place} for {num_word} weeks from {future_date} to "
            "replace a bridge built in {old_year}.",
            "{place} has ordered {count} electric buses in a deal worth {money_m}, the largest in the history of "
            "its transport board.",
        ),
        facts=_typeset(
            "Under the plan, the line will gain {num_word} new stops, including one beside the district hospital.",
            "About {pct} of the cost will be covered by a national infrastructure fund, with the rest split "
            "between the town and the county.",
            "The service carried {big} passengers last year, up {pct} on the year before.",
            "Trains now take {minutes} minutes for the journey, which the operator hopes to shorten by a third "
            "by {future_year}.",
            "The budget includes a reserve of {money_m} — roughly {pct} of the total — to absorb rising prices "
            "for steel and cable.",
            "Services will run every {minutes} minutes between {hours}, with fewer trains on Sundays.",
            "A single ticket will cost {price}, while a monthly pass will rise to {price_big}.",
            "Punctuality on the route fell to {pct} in the last quarter, the lowest figure since records began "
            "in {old_year}.",
            "The {place}--{place2} line is used by around {big} commuters on an ordinary weekday.",
            "Work on the new depot will take {num_word} months and create about {count} jobs during construction.",
            "Two members of the board voted against the plan, calling its timetable \u201coptimistic\u201d.",
            "Replacement buses will stop outside the station and at the market square, the operator said.",
            "The old vessels, built in {old_year}, burn about {pct} more fuel than modern designs.",
        ),
        quotes=_typeset(
            "This is the largest investment in public transport the town has made in a generation",
            "We know the disruption is frustrating, and we are doing everything we can to keep it short",
            "Passengers have told us clearly that reliability matters more to them than speed",
            "The new buses are quieter, cleaner and cheaper to run, and the drivers like them too",
            "We expect the line to carry about {big} passengers a day once it is fully open",
            "Nobody wanted to close the road, but the bridge simply could not wait any longer",
        ),
        roles=_typeset(
            "who chairs the transport board",
            "the operator's head of planning",
            "a member of the passengers' association",
            "the board's chief engineer",
        ),
    ),
    _Topic(
        org="{place} District Council",
        short="council",
        leads=_typeset(
            "Councillors in {place} voted {vote} on {weekday} to turn the disused {building} into a community centre.",
            "The council in {place} has set aside {money_k} to repair {count} potholes before the winter, "
            "officials said on {weekday}.",
            "Residents of {place} will pay {pct} more in local taxes from April after the council approved its "
            "budget for {budget_year}.",
            "The town council in {place} has opened a public consultation on plans to close the old market "
            "square to cars.",
            "{place} is to open its first public allotments in {num_word} decades after the council approved a "
            "site beside the river.",
        ),
        facts=_typeset(
            "The budget for {budget_year} totals {money_m}, of which about {pct} goes on social care and schools.",
            "More than {big} residents answered the consultation, and {pct} of them supported the proposal.",
            "The council employs {count} people and runs {num_word} libraries, two swimming pools and a museum.",
            "Opposition members said the plan had been rushed and asked for a fuller study of its costs.",
            "Under the proposal, cars would be banned from the square between {hours} except for deliveries.",
            "The meeting lasted almost {num_word} hours and was watched online by about {count} people.",
            "Council tax for a typical household will rise to {price_big} a year, about {price} more a month.",
            "Council member {person} described the consultation as \u201ca box-ticking exercise\u201d.",
            "The {building} has stood empty since {old_year} and needs a new roof, according to a survey.",
            "Plots will be let for {price_big} a year, with a discount for pensioners and students.",
            "The council said {pct} of its roads were in good condition, down from {pct} five years ago.",
        ),
        quotes=_typeset(
            "We have listened to residents, and this plan reflects what they asked for",
            "Nobody likes to raise taxes, but the alternative was closing services people rely on",
            "This is about making the centre a place where people want to spend time",
            "We will publish every figure so that residents can judge the decision for themselves",
            "The waiting list for a plot in {place} is longer than the list for a new house",
        ),
        roles=_typeset(
            "the council's leader",
            "who chairs the finance committee",
            "a councillor for the northern ward",
            "the council's director of services",
        ),
    ),
    _Topic(
        org="{region} Weather Service",
        short="weather service",
        leads=_typeset(
            "Heavy rain flooded streets and cellars across {place} on {weekday}, with {mm} millimetres falling in "
            "less than {num_word} hours.",
            "A late frost has damaged fruit blossom across the {region}, with temperatures falling to minus "
            "{frost} degrees Celsius overnight.",
            "Forecasters have issued a heat warning for {place}, with temperatures expected to reach {heat} "
            "degrees by the weekend.",
            "Strong winds brought down trees and power lines across {place} overnight, leaving about {big} homes "
            "without electricity.",
            "The first snow of the season closed mountain passes above {place} on {weekday} and disrupted buses "
            "across the district.",
        ),
        facts=_typeset(
            "The weather service said it was the wettest {month} in {place} since records began in {old_year}.",
            "Emergency crews answered {count} calls during the night, most of them about fallen trees and "
            "flooded cellars.",
            "Growers said {pct_range} of the blossom had been damaged in the lower orchards, where cold air "
            "tends to collect.",
            "The power company said it expected to reconnect most homes by {weekday_next} evening.",
            "Average temperatures this season were {tenths} degrees above the long-term average, the weather "
            "service said.",
            "Schools in {num_word} villages stayed closed as a precaution, and buses ran on a reduced timetable.",
            "River levels at the {place2} gauge rose by {cm} centimetres in {num_word} hours before starting to fall.",
            "The service expects {mm} millimetres of rain over the next {num_word} days, mostly in the hills.",
            "Farmers in the {region} have lost about {pct} of their hay harvest to the wet weather.",
        ),
        quotes=_typeset(
            "It is too early to talk about a lost harvest, but the next few nights will decide it",
            "We have not seen rain like this in {place} for at least {num_word} years",
            "People should stay away from the riverbanks until the water has gone down",
            "Our crews worked through the night, and I want to thank every one of them",
        ),
        roles=_typeset(
            "a forecaster at the weather service",
            "who chairs the growers' association",
            "the district's head of emergency planning",
            "a fruit grower in {place2}",
        ),
    ),
    _Topic(
        org="{place} Education Authority",
        short="education authority",
        leads=_typeset(
            "Students from {place} Secondary School won the regional robotics league on {weekday}, beating "
            "{count} other teams.",
            "Primary schools in {place} will serve free breakfasts to every pupil from {future_date}, the "
            "education authority said on {weekday}.",
            "A secondary school for {big} pupils will open in {place} in {future_year} after the council approved "
            "a {money_m} building plan.",
            "Teachers in {place} have begun a {num_word}-week trial of a four-day timetable for older students.",
            "The school board in {place} said on {weekday} that it would hire {count} teaching assistants to "
            "reduce class sizes.",
        ),
        facts=_typeset(
            "The school has {count} pupils, about {pct} more than the building was designed for.",
            "Average class sizes in the district fell to {class_size} this year, down from {class_size} five "
            "years ago.",
            "The programme will cost about {money_k} a year and be paid for from a regional education grant.",
            "Judges awarded points for speed, accuracy and the quality of each team's engineering notebook.",
            "Exam results published in the summer showed {pct} of students passing all their main subjects.",
            "Parents will be able to visit the new building at an open day on {future_date}.",
            "The robot sorted {pct} of objects correctly in its final round, a league record.",
            "Head teachers in {place2} said they would watch the trial closely before deciding whether to follow.",
            "Breakfast clubs already run at {num_word} schools, where about {count} children use them each day.",
        ),
        quotes=_typeset(
            "Every child should start the day ready to learn, and that begins with breakfast",
            "The students designed, built and programmed the robot themselves, and they deserve every point",
            "Smaller classes give teachers time to notice the pupils who are quietly falling behind",
            "We want the new school to be part of the neighbourhood, not just a building in it",
        ),
        roles=_typeset(
            "the school's head teacher",
            "who leads the education authority",
            "a parent of two pupils at the school",
            "the team's physics teacher",
        ),
    ),
    _Topic(
        org="{place} Arts Council",
        short="arts council",
        leads=_typeset(
            "A collection of more than {count} hand-painted maps has been donated to the museum in {place}, the "
            "museum said on {weekday}.",
            "The {place} summer music festival will bring together {num_word} orchestras from {count_small} "
            "countries in July, organisers said.",
            "The old grain hall in {place} will reopen as a theatre next spring after a {money_m} restoration.",
            "A festival of short documentary films opens in {place} on {future_date} with {count} screenings "
            "over five days.",
            "The public library in {place} will stay open until midnight as part of a {num_word}-month trial.",
        ),
        facts=_typeset(
            "Tickets cost {price} for single events and {price_big} for a festival pass, with free entry for children.",
            "Organisers said roughly {pct} of the budget came from ticket sales and the rest from local sponsors.",
            "The building, completed in {old_year}, had stood empty for almost {num_word} decades.",
            "Around {big} visitors came to the festival last year, a record for the event.",
            "The collection will be shown in a temporary exhibition before being catalogued and stored.",
            "Volunteers have spent {num_word} months cleaning and photographing each item.",
            "A survey by the library found that {pct} of {big} respondents would use the building after {evening}.",
            "The programme mixes well-known works with {count_small} pieces written for the festival.",
            "Critics have called the restoration \u201ca model for every small town with an empty hall\u201d.",
        ),
        quotes=_typeset(
            "Collections like this are rare because everyday objects were usually used until they fell apart",
            "We wanted the programme to feel generous, with something for every age",
            "The hall was the heart of the town once, and we want it to be again",
            "If people come, we will find a way to keep the doors open",
        ),
        roles=_typeset(
            "the museum's curator",
            "the festival's artistic director",
            "who chairs the friends of the library",
            "a conductor from {place2}",
        ),
    ),
    _Topic(
        org="{place} Chamber of Commerce",
        short="chamber of commerce",
        leads=_typeset(
            "A bakery in {place} has been bought by its {count_small} employees, who formed a cooperative to take "
            "over the business.",
            "{company} plans to open a factory in {place} that will employ {count} people, the company said on "
            "{weekday}.",
            "Empty shops in central {place} fell to {pct} last year, the lowest level in a decade, according to "
            "the chamber of commerce.",
            "{company} reported a {pct} rise in annual sales on {weekday}, helped by demand for its recycled "
            "packaging.",
            "A weekly farmers' market will return to {place} from {future_date} after a break of {num_word} years.",
        ),
        facts=_typeset(
            "The staff raised {money_k} through savings, a community share offer and a loan from a regional fund.",
            "Sales reached {money_m} in the year to March, while profits rose to {money_k}.",
            "The company employs {count} people at its two sites, most of them in {place2}.",
            "Rents on the high street have fallen by about {pct} since {recent_year}, the chamber said.",
            "About {count} stallholders have signed up, selling bread, cheese, vegetables and flowers.",
            "The firm said it would invest {money_m} over the next {num_word} years, mostly in new machinery.",
            "Each member of staff holds an equal share and one vote at general meetings.",
            "The factory will be built on a former railway yard of {count_small} hectares east of the station.",
            "Analysts described the results as \u201csteady rather than spectacular\u201d.",
        ),
        quotes=_typeset(
            "We always knew the business better than anyone, so buying it felt like the natural next step",
            "The town has what we need: skilled people, good transport and space to grow",
            "Small shops are coming back because people want to know who they are buying from",
            "We are growing carefully, one customer at a time",
        ),
        roles=_typeset(
            "the company's chief executive",
            "who chairs the chamber of commerce",
            "the bakery's longest-serving baker",
            "a stallholder from {place2}",
        ),
    ),
    _Topic(
        org="{place} Institute of Applied Science",
        short="institute",
        leads=_typeset(
            "Researchers in {place} have recorded the largest seal colony on the coast in {num_word} decades.",
            "Engineers from {count_small} countries met in {place} this week to compare low-energy ways of "
            "turning seawater into drinking water.",
            "A team at the University of {place} has built a sensor that finds leaks in water pipes from the "
            "sound they make.",
            "Volunteers counted {big} birds in and around {place} during the annual winter survey, {pct} more "
            "than last year.",
            "Astronomers at the {place} observatory will open their telescopes to the public on {future_date} "
            "for a night of stargazing.",
        ),
        facts=_typeset(
            "The results, published in a peer-reviewed journal, are based on {num_word} years of measurements.",
            "Pilot projects reported energy savings of {pct_range} compared with conventional designs.",
            "The sensor costs about {price_big} to build, a fraction of the price of commercial systems.",
            "The project received {money_k} from a national research council and runs until {future_year}.",
            "Scientists counted {count} animals, including {count_small} pups born this season.",
            "The team now plans to test the device on {km} of pipes beneath {place2}.",
            "The observatory's main telescope, installed in {old_year}, has a mirror {cm} centimetres across.",
            "Leaks waste about {pct} of the treated water in the region before it reaches a tap.",
            "Reviewers called the method \u201csimple enough to be copied almost anywhere\u201d.",
        ),
        quotes=_typeset(
            "The numbers are encouraging, but one good year does not make a trend",
            "We wanted something that a small town could afford to build and run itself",
            "Every volunteer who counts birds in their garden adds to what we know",
            "The hard part is not the idea but making it work in the real world for years",
        ),
        roles=_typeset(
            "who leads the research team",
            "a marine biologist at the institute",
            "the observatory's director",
            "an engineer from {place2}",
        ),
    ),
)

_GENERIC_FACTS = _typeset(
    "The decision was welcomed by local business groups, although some residents raised concerns about noise.",
    "A public meeting on the plans will be held at the town hall on {future_date} at {time}.",
    "The proposal still needs the approval of the regional government, which is expected to decide by {future_month}.",
    "Local newspapers first reported the plans in {past_month}.",
    "Critics said the money would be better spent on existing services.",
    "It was not immediately clear how many people would be affected.",
    "A spokesman for the {short} declined to give further details.",
    "The scheme will be reviewed after {num_word} months.",
    "Officials said the figures would be checked again in {future_month}.",
    "More information is available at https://www.{slug}.example/news, the {short} said.",
    "The {short} said it had received {count} letters about the plan, most of them supportive.",
    "Similar schemes have been tried in {place2} and elsewhere in the {region}, with mixed results.",
    "Residents can read the full report at the town hall or at the central library.",
    "The figures do not include the {region}, which publishes its own statistics.",
    "The {short} said it would report on progress every {num_word} months.",
    "About {count} people attended an information evening in {place2} last week.",
    "The plan was first put forward in {old_year2}, but was shelved for lack of money.",
    "Neighbouring {place2} is watching the outcome closely, its mayor said.",
    "The {short} has been criticised in the past for publishing its figures late.",
    "A petition in favour of the plan collected {big} signatures in {num_word} weeks.",
    "Roughly {pct} of those who wrote in lived outside {place}, the {short} said.",
    "The announcement came {num_word} days after a heated debate at the town hall.",
    "Independent auditors will check the accounts before the end of {future_month}.",
    "A report by the {org} in {past_month} had recommended the change.",
    "The {org} will hold an open meeting on the subject on {future_date}.",
)
_REACTION_CARDS = ("{reaction}",) * 5
"""Sentences made of parts, dealt often: they keep long articles from repeating themselves."""
_REACTORS = _typeset(
    "Residents in {place2}",
    "Local business owners",
    "Opposition councillors",
    "Several neighbours",
    "Campaigners",
    "Union representatives",
    "Shopkeepers on the high street",
    "Members of a local residents' group",
    "Some parents",
    "Two former councillors",
    "Volunteers",
)
_REACTION_VERBS = ("said", "argued", "agreed", "pointed out", "told a public meeting", "wrote to the {short}")
_CLAIMS = _typeset(
    "the plan would bring more visitors to the town centre",
    "the costs had been underestimated from the start",
    "the timetable left little room for delays",
    "the work should have begun years ago",
    "they had not been consulted early enough",
    "the money was well spent",
    "smaller towns in the {region} were too often overlooked",
    "the changes would help families on low incomes",
    "the figures were better than many had expected",
    "parking in the area was already difficult",
    "the project would create jobs for young people",
    "the old arrangements had worked well enough",
    "the decision showed the town was willing to try new ideas",
    "more should be done for older residents",
    "they would watch closely how the money was spent",
    "the {short} had answered most of their questions",
)
_CLOSINGS = _typeset(
    "A final decision is expected in {future_month}.",
    "The work is due to be finished by {future_month}.",
    "The {short} will publish its next report in {future_month}.",
    "A public meeting will be held on {future_date}.",
    "Further details are expected later this month.",
)
_GENERIC_QUOTES = _typeset(
    "We have done our homework, and the numbers add up",
    "This will not happen overnight, but it will happen",
    "People in {place} deserve better, and this is a real step towards it",
    "We would rather get it right than get it done quickly",
)
_SPOKESPEOPLE = ("spokeswoman", "spokesman", "spokesperson")

_PLACE_STARTS = (
    "Ash", "Brann", "Calder", "Dorn", "Elver", "Fenn", "Grave", "Hallow", "Ister", "Kells", "Lorn", "Marl",
    "Nether", "Orre", "Pell", "Quarr", "Rath", "Sand", "Tarn", "Ulls", "Vey", "Wend", "Yarrow", "Zell",
    "Braith", "Cold", "Drum", "Easter", "Fal", "Glen", "Holl", "Kest", "Lang", "Mor", "Norr", "Ost",
    "Rav", "Skel", "Thorn", "Ves",
)  # fmt: skip
_PLACE_ENDS = (
    "by", "ford", "haven", "mere", "wick", "stead", "lund", "dale", "brook", "holm", "thorpe", "ton",
    "field", "moor", "gate", "bridge", "more", "ness", "vik", "berg", "stow", "combe", "hurst", "burn",
)  # fmt: skip
_REGIONS = ("Valley", "Coast", "Uplands", "Lowlands", "Fens", "Hills", "Lakes")
_BUILDINGS = ("fire station", "grain store", "cinema", "post office", "swimming baths", "school building")
_COMPANY_KINDS = ("Packaging", "Foods", "Engineering", "Dairy", "Textiles", "Components", "Timber")
_FEMALE = (
    "Maren", "Alma", "Judit", "Clara", "Signe", "Hanna", "Freya", "Liesel", "Noor", "Elif", "Rosa", "Agnes",
    "Imke", "Tova", "Marta", "Greta", "Ines", "Livia", "Sanne", "Petra",
)  # fmt: skip
_MALE = (
    "Anton", "Bram", "Casimir", "Dag", "Emil", "Felix", "Gustav", "Hugo", "Ivo", "Jonas", "Lars", "Mats",
    "Niko", "Oskar", "Rafael", "Stellan", "Tobias", "Viggo", "Wim", "Arvid",
)  # fmt: skip
_SURNAMES = (
    "Albrecht", "Brenner", "Castellan", "Dahlgren", "Eklund", "Falkner", "Greaves", "Haverkamp", "Ivarsen",
    "Jansky", "Kettering", "Lindahl", "Marchetti", "Nordby", "Oakes", "Petrakis", "Quist", "Rosendahl",
    "Sallow", "Thornbury", "Ulvang", "Westerholm", "Yardley", "Zeller", "Achterberg", "Bellamy", "Corrigan",
    "Fairweather", "Gallo", "Hartigan", "Kowalczyk", "Moreau", "Navarro", "Okafor", "Pajari", "Rinaldi",
    "S\u00f8rensen", "Tamm", "Whitlock", "\u00c5berg",
)  # fmt: skip
_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
)  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_QUARTERS = ("00", "15", "30", "45")
_CURRENCIES = ("\u20ac", "\u20ac", "\u00a3", "$")

# (script, name in that script, its transliteration, pronoun)
_NON_LATIN_NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("Greek", "Νίκος Καραλής", "Nikos Karalis", "he"),
    ("Greek", "Μαρία Αντωνίου", "Maria Antoniou", "she"),
    ("Greek", "Κατερίνα Βλάχου", "Katerina Vlachou", "she"),
    ("Greek", "Σπύρος Ζαφειρίου", "Spyros Zafeiriou", "he"),
    ("Cyrillic", "Ольга Белова", "Olga Belova", "she"),
    ("Cyrillic", "Дмитрий Орлов", "Dmitry Orlov", "he"),
    ("Cyrillic", "Ирина Соколова", "Irina Sokolova", "she"),
    ("Cyrillic", "Павел Миронов", "Pavel Mironov", "he"),
    ("Arabic", "ليلى حداد", "Layla Haddad", "she"),
    ("Arabic", "عمر الخطيب", "Omar al-Khatib", "he"),
    ("Arabic", "سلمى نصار", "Salma Nassar", "she"),
    ("Arabic", "يوسف منصور", "Youssef Mansour", "he"),
    ("Chinese", "李明", "Li Ming", "he"),
    ("Chinese", "陈静", "Chen Jing", "she"),
    ("Japanese", "山本陽子", "Yamamoto Yoko", "she"),
    ("Japanese", "中村直樹", "Nakamura Naoki", "he"),
    ("Korean", "박서연", "Park Seo-yeon", "she"),
    ("Korean", "한도윤", "Han Do-yoon", "he"),
)
_ARABIC_OPENINGS = (
    "قال متحدث باسم مجلس المدينة إن أعمال صيانة الجسر القديم ستبدأ في الأسبوع المقبل وتستمر نحو ثلاثة أشهر.",
    "أعلنت إدارة المتحف أن المعرض الجديد سيفتح أبوابه للجمهور في بداية الشهر المقبل بعد أعمال ترميم استمرت عامين.",
    "قالت مديرة المدرسة إن الطلاب شاركوا في تصميم الحديقة الجديدة وزرعوا أكثر من مئتي شجرة حول الملعب.",
    "أفاد تقرير صادر عن هيئة النقل بأن عدد الركاب في الحافلات ارتفع بشكل ملحوظ مقارنة بالعام الماضي.",
)
_ARABIC_SENTENCES = (
    "وأوضح البيان أن الحافلات ستعمل على مسار بديل خلال فترة الأشغال، وأن الجدول الجديد سينشر قريباً.",
    "وتأمل البلدية أن يساعد المشروع على تخفيف الازدحام في وسط المدينة خلال ساعات الذروة.",
    "ومن المتوقع أن يزور المعرض آلاف الأشخاص خلال الأسابيع الأولى بعد افتتاحه.",
    "ودعا المنظمون السكان إلى حضور الاجتماع العام الذي سيعقد مساء الخميس في قاعة البلدية.",
    "وقال الباحثون إن النتائج الأولية مشجعة، لكنهم أكدوا الحاجة إلى مزيد من الدراسات قبل اتخاذ أي قرار.",
    "وتوقعت هيئة الأرصاد الجوية أن تنخفض درجات الحرارة خلال عطلة نهاية الأسبوع مع هطول أمطار متفرقة.",
    "وأكدت الشركة أنها ستوظف عشرين عاملاً جديداً من سكان المنطقة خلال العام المقبل.",
    "ويمكن للسكان الاطلاع على تفاصيل الخطة في مكتبة المدينة أو على الموقع الإلكتروني للمجلس.",
    "وتبلغ تكلفة المشروع نحو خمسة ملايين يورو، تغطي الحكومة الإقليمية نصفها تقريباً.",
    "وأشار المسؤولون إلى أن الخطة ستراجع بعد ستة أشهر في ضوء آراء السكان.",
)


def _is_ideograph(char: str) -> bool:
    # Word processors, and convert's word count, count each ideograph or kana as a word.
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"


def _words(sentence: str) -> int:
    """Words as convert counts them, for the sentences made here: spaced dashes are not words."""
    return sentence.count(" ") + 1 - sentence.count(_SPACED_EM_DASH)


def _extra_words(name: str) -> int:
    """How many more words `name` counts for than its spaces say: one per ideograph, not per run."""
    ideographs = (sum(map(_is_ideograph, part)) for part in name.split())
    return sum(count - 1 for count in ideographs if count)


class _Slots(dict[str, str]):
    """The values templates name: fixed for the article once set, or else drawn afresh at each use."""

    def __init__(self, rng: random.Random, date: dt.date, currency: str) -> None:
        super().__init__()
        self.rng = rng
        self.date = date
        self.currency = currency

    def __missing__(self, key: str) -> str:
        return _FRESH[key](self)

    def fill(self, template: str) -> str:
        """`template` with its named slots filled in."""
        return template.format_map(self)

    def day_after(self, low: int, high: int) -> dt.date:
        """A day between `low` and `high` days after the article's date (before it when negative)."""
        return self.date + dt.timedelta(days=self.rng.randint(low, high))


def _percent(slots: _Slots) -> str:
    rng = slots.rng
    if rng.random() < 0.2:
        return f"{rng.randint(1, 30)}.{rng.randint(1, 9)}%"
    return f"{rng.randint(3, 68)}%"


def _money_millions(slots: _Slots) -> str:
    rng = slots.rng
    if rng.random() < 0.4:
        return f"{slots.currency}{rng.randint(1, 30)}.{rng.randint(1, 9)} million"
    return f"{slots.currency}{rng.randint(2, 95)} million"


def _vote(slots: _Slots) -> str:
    ayes = slots.rng.randint(6, 11)
    return f"{_NUMBER_WORDS[ayes]} to {_NUMBER_WORDS[slots.rng.randint(1, ayes - 2)]}"


def _pct_range(slots: _Slots) -> str:
    low = slots.rng.randint(5, 30)
    return f"{low}{_EN_DASH}{low + slots.rng.randint(5, 20)}%"


def _named_person(rng: random.Random) -> tuple[str, str]:
    """A made-up full name and the pronoun that goes with it."""
    female = rng.random() < 0.5
    return f"{rng.choice(_FEMALE if female else _MALE)} {rng.choice(_SURNAMES)}", "she" if female else "he"


def _person(slots: _Slots) -> str:
    return _named_person(slots.rng)[0]


def _hours(slots: _Slots) -> str:
    start = slots.rng.randint(5, 12)
    return f"{start}:{slots.rng.choice(_QUARTERS)} and {slots.rng.randint(start + 6, 23)}:00"


def _reaction(slots: _Slots) -> str:
    rng = slots.rng
    return f"{rng.choice(_REACTORS)} {rng.choice(_REACTION_VERBS)} that {rng.choice(_CLAIMS)}.".format_map(slots)


def _future_date(slots: _Slots) -> str:
    day = slots.day_after(7, 120)
    return f"{day.day} {_MONTHS[day.month - 1]}"


_FRESH: dict[str, Callable[[_Slots], str]] = {
    "num_word": lambda s: _NUMBER_WORDS[s.rng.randint(2, 12)],
    "count": lambda s: str(s.rng.randint(12, 950)),
    "count_small": lambda s: str(s.rng.randint(6, 40)),
    "big": lambda s: f"{s.rng.randint(1_100, 48_000):,}",
    "pct": _percent,
    "pct_range": _pct_range,
    "money_m": _money_millions,
    "money_k": lambda s: f"{s.currency}{s.rng.randint(12, 950)},000",
    "price": lambda s: f"{s.currency}{s.rng.randint(1, 9)}.{s.rng.randint(0, 19) * 5:02d}",
    "price_big": lambda s: f"{s.currency}{s.rng.randint(40, 2_400):,}",
    "km": lambda s: f"{s.rng.randint(2, 40)}.{s.rng.randint(1, 9)} kilometres",
    "minutes": lambda s: str(s.rng.randint(5, 55)),
    "time": lambda s: f"{s.rng.randint(6, 22)}:{s.rng.choice(_QUARTERS)}",
    "evening": lambda s: f"{s.rng.randint(19, 23)}:00",
    "hours": _hours,
    "reaction": _reaction,
    "old_year": lambda s: str(s.rng.randint(1870, 1995)),
    "recent_year": lambda s: str(s.rng.randint(2009, 2021)),
    "old_year2": lambda s: str(s.rng.randint(1996, 2015)),
    "future_year": lambda s: str(s.rng.randint(YEAR + 1, YEAR + 5)),
    "future_date": _future_date,
    "future_month": lambda s: _MONTHS[s.day_after(30, 200).month - 1],
    "past_month": lambda s: _MONTHS[s.day_after(-150, -20).month - 1],
    "vote": _vote,
    "frost": lambda s: str(s.rng.randint(2, 9)),
    "heat": lambda s: str(s.rng.randint(31, 39)),
    "mm": lambda s: str(s.rng.randint(40, 160)),
    "cm": lambda s: str(s.rng.randint(30, 240)),
    "tenths": lambda s: f"{s.rng.randint(0, 2)}.{s.rng.randint(1, 9)}",
    "class_size": lambda s: str(s.rng.randint(19, 31)),
    "building": lambda s: s.rng.choice(_BUILDINGS),
    "person": _person,
}


@dataclass(frozen=True)
class _Speaker:
    """Someone quoted in the article."""

    name: str
    role: str
    pronoun: str
    extra_words: int = 0
    """Words the name counts for beyond its spaces (ideographs)."""


class _Deck:
    """Templates dealt at random without repeats, until all are used and the deck starts over."""

    def __init__(self, rng: random.Random, cards: Sequence[str]) -> None:
        self.rng = rng
        self.cards = list(cards)
        self.left: list[str] = []

    def deal(self) -> str:
        if not self.left:
            self.left = self.cards[:]
        # Take a random card and move the last into its place: a shuffle done only as far as needed.
        left = self.left
        index = self.rng.randrange(len(left))
        card = left[index]
        left[index] = left[-1]
        left.pop()
        return card


def article_path(out: Path, index: int) -> Path:
    """Where article `index` of a corpus in `out` lives: at most 1,000 articles per subfolder."""
    return out / f"{index // FILES_PER_FOLDER:04d}" / f"article-{index:05d}.txt"


def article_text(index: int, seed: int) -> str:
    """The text of article `index` of the corpus made from `seed`, independent of the corpus size."""
    rng = random.Random(f"article {seed} {index}")
    run_slot = random.Random(f"run {seed} {index // NON_LATIN_EVERY}").randrange(NON_LATIN_EVERY)
    foreign = rng.choice(_NON_LATIN_NAMES) if index % NON_LATIN_EVERY == run_slot else None
    return _Article(rng, foreign).text()


class _Article:
    """One article being written: its date, topic, places, people and paragraphs."""

    def __init__(self, rng: random.Random, foreign: tuple[str, str, str, str] | None) -> None:
        self.rng = rng
        self.date = _FIRST_DAY + dt.timedelta(days=rng.randrange(_DAYS))
        self.topic = rng.choice(_TOPICS)
        slots = _Slots(rng, self.date, rng.choice(_CURRENCIES))
        place, place2 = (rng.choice(_PLACE_STARTS) + rng.choice(_PLACE_ENDS) for _ in range(2))
        slots.update(
            place=place,
            place2=place2,
            region=f"{rng.choice(_PLACE_STARTS)}{rng.choice(_PLACE_ENDS)} {rng.choice(_REGIONS)}",
            company=f"{rng.choice(_SURNAMES)} {rng.choice(_COMPANY_KINDS)}",
            weekday=_WEEKDAYS[(self.date - dt.timedelta(days=rng.randint(0, 1))).weekday()],
            weekday_next=_WEEKDAYS[(self.date + dt.timedelta(days=1)).weekday()],
            month=_MONTHS[self.date.month - 1],
            budget_year=f"{YEAR + 1}{_EN_DASH}{(YEAR + 2) % 100:02d}",
            short=self.topic.short,
            slug=place.lower(),
        )
        slots["org"] = slots.fill(self.topic.org)
        self.slots = slots
        self.facts = _Deck(rng, self.topic.facts + _GENERIC_FACTS + _REACTION_CARDS)
        self.quotes = _Deck(rng, self.topic.quotes + _GENERIC_QUOTES)
        self.speakers: list[_Speaker] = []
        for role in rng.sample(self.topic.roles, 2):
            name, pronoun = _named_person(rng)
            self.speakers.append(_Speaker(name, slots.fill(role), pronoun))
        self.foreign = foreign
        if foreign is not None:
            _, native, latin, pronoun = foreign
            self.speakers[0] = _Speaker(f"{native} ({latin})", self.speakers[0].role, pronoun, _extra_words(native))
        self.mentioned: set[str] = set()
        self.last_speaker: _Speaker | None = None

    def text(self) -> str:
        kinds = self._plan()
        paragraphs = [self._paragraph(kind) for kind in kinds]
        body = "\n\n".join(paragraphs)
        first = f"date {self.date.isoformat()} {body}"
        if self.rng.random() < WRAPPED_SHARE:
            width = self.rng.choice((68, 72, 76, 80))
            first = "\n\n".join(_wrap(paragraph, width) for paragraph in first.split("\n\n"))
        return first + "\n"

    def _plan(self) -> list[str]:
        count = self.rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        kinds = ["lead"] + ["quote" if self.rng.random() < 0.3 else "body" for _ in range(count - 2)] + ["end"]
        kinds[self.rng.choice((1, 2))] = "quote"
        if self.foreign is not None and self.foreign[0] == "Arabic" and self.rng.random() < ARABIC_PARAGRAPH_SHARE:
            kinds[self.rng.choice([i for i in range(2, count - 1) if kinds[i] == "body"] or [count - 1])] = "arabic"
        return kinds

    def _paragraph(self, kind: str) -> str:
        target = self.rng.randint(MIN_WORDS, MAX_WORDS - 6)
        if kind == "arabic":
            opening = self.rng.choice(_ARABIC_OPENINGS)
            return _fill([opening], _Deck(self.rng, _ARABIC_SENTENCES).deal, target)
        if kind == "lead":
            opening = self.slots.fill(self.rng.choice(self.topic.leads))
        elif kind == "end":
            opening = self.slots.fill(self.rng.choice(_CLOSINGS))
        elif kind == "quote":
            return self._quotation(target)
        else:
            opening = self._fact()
        return _fill([opening], self._fact, target)

    def _fact(self) -> str:
        return self.slots.fill(self.facts.deal())

    def _quotation(self, target: int) -> str:
        rng = self.rng
        said = self.slots.fill(self.quotes.deal())
        extra = 0
        if rng.random() < 0.25 and self.foreign is None:
            spokesperson = rng.choice(_SPOKESPEOPLE)
            attribution = rng.choice((f"a {spokesperson} said", f"a {spokesperson} for the {self.topic.short} said"))
            self.last_speaker = None
        else:
            speaker = rng.choice(self.speakers) if self.mentioned else self.speakers[0]
            if speaker is self.last_speaker:
                attribution = f"{speaker.pronoun} said"
            else:
                extra = speaker.extra_words
                if speaker.name in self.mentioned:
                    attribution = f"said {speaker.name}"
                elif rng.random() < 0.5:
                    attribution = f"said {speaker.name}, {speaker.role}"
                else:
                    attribution = f"{speaker.name}, {speaker.role}, said"
            self.mentioned.add(speaker.name)
            self.last_speaker = speaker
        opening = f"\u201c{said},\u201d {attribution}."
        if rng.random() < 0.5:
            opening += f" \u201c{self.slots.fill(self.quotes.deal())}.\u201d"
        return _fill([opening], self._fact, target, extra)


def _fill(sentences: list[str], deal: Callable[[], str], target: int, extra: int = 0) -> str:
    """Add dealt sentences until the paragraph has about `target` words, never more than the maximum."""
    words = sum(map(_words, sentences)) + extra
    misses = 0
    while words < target:
        sentence = deal()
        count = _words(sentence)
        if words + count > MAX_WORDS:
            # Below the minimum any sentence fits, since none is longer than MAX_WORDS - MIN_WORDS.
            misses += 1
            if misses > 3:
                break
            continue
        sentences.append(sentence)
        words += count
    return " ".join(sentences)


def _wrap(paragraph: str, width: int) -> str:
    """Break `paragraph` into lines of at most `width` characters at spaces, as an editor would."""
    lines: list[str] = []
    start = 0
    while len(paragraph) - start > width:
        cut = paragraph.rfind(" ", start, start + width + 1)
        if cut <= start:  # a word longer than the line: break after it instead
            cut = paragraph.find(" ", start + width)
            if cut == -1:
                break
        lines.append(paragraph[start:cut])
        start = cut + 1
    lines.append(paragraph[start:])
    return "\n".join(lines)


def generate(out: Path, count: int, seed: int = 0) -> list[Path]:
    """Write articles 0 to `count` - 1 of the corpus made from `seed` into `out`, and return their paths.

    Files that already hold the right bytes are left untouched (so their times do not change),
    and articles of an earlier, larger corpus in `out` are removed: `out` then holds this corpus only.
    """
    if count < 0:
        raise ValueError(f"the article count must not be negative, not {count}")
    paths: list[Path] = []
    folders: set[Path] = set()
    for index in range(count):
        path = article_path(out, index)
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        data = article_text(index, seed).encode()
        try:
            unchanged = path.read_bytes() == data
        except FileNotFoundError:
            unchanged = False
        if not unchanged:
            path.write_bytes(data)
        paths.append(path)
    _remove_stale(out, count)
    return paths


def _remove_stale(out: Path, count: int) -> None:
    for folder in sorted(out.glob("[0-9][0-9][0-9][0-9]")):
        for path in sorted(folder.glob("article-*.txt")):
            number = path.stem.removeprefix("article-")
            if not number.isdigit() or int(number) >= count or article_path(out, int(number)) != path:
                path.unlink()
        if not any(folder.iterdir()):
            folder.rmdir()


def _count_argument(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {count}")
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: `python -m benchmarks.corpus OUT N [--seed S]`."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus",
        description="Write N made-up news articles in the seed format; the same N and seed give the same bytes.",
    )
    parser.add_argument("out", metavar="OUT", type=Path, help="folder to write the articles into")
    parser.add_argument("count", metavar="N", type=_count_argument, help="how many articles to write")
    parser.add_argument("--seed", metavar="S", type=int, default=0, help="which corpus to make (default 0)")
    arguments = parser.parse_args(argv)
    paths = generate(arguments.out, arguments.count, arguments.seed)
    print(f"{len(paths)} articles in {arguments.out} (seed {arguments.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def large_seed(path: Path, size: int, seed: int = 0) -> Path:
    """Write one seed of at least `size` bytes: a date line, then the corpus's articles one after
    another as its paragraphs (each article's own date line left out), as a scraped archive
    concatenated into one file would be."""
    written = 0
    index = 0
    with path.open("w", encoding="utf-8") as stream:
        written += stream.write("date 2024-03-01 One seed holding a whole archive\n\n")
        while written < size:
            text = article_text(index, seed)
            body = text.split(" ", 2)[2] if text.startswith("date ") else text
            written += stream.write(body.rstrip("\n") + "\n\n")
            index += 1
    return path
