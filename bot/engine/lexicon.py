"""The small words that shape a question ("who", "vs", "does"), as opposed to the domain's words.

Role names, topic words, word senses and out-of-scope phrases belong to the domain and live in the
knowledge base. What is here is English grammar: which words carry no meaning, which open a yes/no
question, which ask for a comparison.
"""

from __future__ import annotations

# Words that carry no meaning of their own in a question about roles. They never count as
# "unexplained", and they are left out when comparing a question with a claim's wording.
STOPWORDS = frozenset(
    """a an the of to in on for from by with at as and or but if so than then that this these those
    is are was were be been being am do does did doing done has have had having can could should
    would will shall may might must not no nor isnt arent doesnt dont didnt wasnt cant wont
    shouldnt i me my we our us you your yours he she it its they them their there here what
    which who whom whose when where why how any some all each every one ones also just only
    really actually basically simply still even more most much many very too own owns owned
    owning handle handles handled handling manage manages managed managing management
    responsible responsibility responsibilities job role roles task tasks duty duties part about
    into over under between within typically usually normally always ever thing things stuff
    like need needs get gets got make makes made take takes go goes lot lots kind type sort
    someone somebody anyone anybody person people ok okay hey hi hello please thanks thank tell
    know want wondering question quick true right correct yes yeah agree think thought say says
    said claim claims whats wheres hows whos thats theres isnt according s""".split()
)

# Framework names and units that say where a role lives, not which role or topic.
CONTEXT_WORDS = frozenset(
    """safe scrum agile lean pmi pmis pmbok itil babok iiba art arts train trains framework
    frameworks organisation organization company companies team teams standard standards guide
    guides version v3 v4 v5 v6 site website world following""".split()
)
CONTEXT_PHRASES = (
    ("agile", "release", "train"),
    ("release", "train"),
    ("solution", "train"),
    ("scaled", "agile", "framework"),
    ("scaled", "agile"),
)

FRAMEWORK_WORDS = {
    "safe": "SAFe",
    "scrum": "Scrum",
    "pmi": "PMI",
    "pmis": "PMI",
    "pmbok": "PMI",
    "itil": "ITIL",
    "babok": "IIBA",
    "iiba": "IIBA",
}

AUXILIARIES = frozenset(
    """do does did is are was were can could should would will shall may might must has have had
    isnt arent doesnt dont didnt cant wont shouldnt""".split()
)
ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = frozenset(
    """a an the my our your their his her this that these those any every each""".split()
)
SUBJECT_OK = (
    frozenset(
        """i you we they he she it there anyone anybody someone somebody everyone everybody
        people one who what which""".split()
    )
    | CONTEXT_WORDS
)

COMPARE_WORDS = frozenset(
    """vs v versus difference differences differ differs different compare compared comparing
    comparison contrast distinguish distinction""".split()
)
WHO_WORDS = frozenset({"who", "whom", "whose", "whos"})
WH_WORDS = WHO_WORDS | frozenset("""what whats which how hows where when why""".split())
# "A vs B" cues that make a comparison whatever else the question says; "different" is weaker
# ("is an SM just a PM with a different title?" asks whether they are one role).
STRONG_COMPARE_WORDS = frozenset(
    """vs v versus difference differences differ differs compare compared comparing comparison
    contrast distinguish distinction""".split()
)
POSSESSIVES = frozenset({"our", "my", "your", "their"})
# Nouns that make a job title: one outside every known role name is an unknown role.
ROLE_NOUNS = frozenset(
    """lead leads leader leaders manager managers engineer engineers owner owners analyst analysts
    coach coaches director directors architect architects officer head designer designers
    developer tester administrator consultant specialist champion""".split()
)
# An instruction to the bot ("write a job description for ..."), not a question.
REQUEST_VERBS = frozenset(
    """translate write draft create generate book schedule remind send email invite find make
    set add draw plan organise organize arrange call ping post""".split()
)
# "can you tell me ..." asks for information; "can you book ..." asks the bot to do something.
ASKING_VERBS = frozenset(
    """tell explain compare help clarify describe list show summarise summarize answer
    say""".split()
)
IDENTITY_FILLER = (
    frozenset(
        """a an the just really basically simply actually essentially same as kind type sort form of
        like equal equals equivalent = is are another name for considered glorified fancy similar to
        title role thing also or not isnt arent senior junior chief head lead new bigger higher
        level our my your their its team teams s sort of more less than take takes taking on act
        acts acting serve serves become becomes replace replaces different name called""".split()
    )
    | CONTEXT_WORDS
)
COPULAS = frozenset({"is", "are", "isnt", "arent", "=", "was", "be"})
IDENTITY_MARKERS = frozenset(
    """= same like equivalent equal equals similar act acts acting serve serves become becomes
    replace replaces basically just""".split()
)
MODALS = frozenset({"can", "could", "may", "might", "should"})
# "X vs Y, same thing?" asks whether they are one role, not for a side-by-side table.
SAMENESS_WORDS = frozenset({"same", "equivalent", "interchangeable", "synonym", "synonyms"})
# Unknown words a role overview question may carry ("tldr on the RTE role pls").
MAX_OVERVIEW_NOISE = 3
HELP_WORDS = frozenset({"help", "usage", "commands", "command", "examples", "instructions"})
HELP_PHRASES = (
    ("what", "can", "you", "do"),
    ("what", "can", "i", "ask"),
    ("how", "do", "i", "use"),
    ("how", "does", "this", "work"),
    ("what", "do", "you", "know"),
)
# Words that ask for a role's overview; a role named with only these is a "what is it?" question.
OVERVIEW_WORDS = frozenset(
    """explain describe description define definition tell overview summary summarise summarize
    mean means meaning stand stands purpose purposes role job position title info information
    responsibilities responsibility duties duty day work works doing life look looks""".split()
)


NOT_A_SUBJECT = COMPARE_WORDS | OVERVIEW_WORDS | HELP_WORDS
INTERJECTIONS = frozenset(
    """so and but ok okay hey hi hello also then well quick q all folks everyone guys""".split()
)


def grammar_words() -> frozenset[str]:
    """Every word of this module's lists: the words a typo is corrected to before reading."""
    found: set[str] = set()
    for value in globals().values():
        if isinstance(value, frozenset):
            found |= {w for w in value if isinstance(w, str)}
    return frozenset(found | set(FRAMEWORK_WORDS))
