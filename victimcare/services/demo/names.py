"""Who the fictional people are: victims' names from the backgrounds of a London caseload,
the names they go by, and the support workers who appear in the notes.

The names deliberately include letters outside ASCII, an apostrophe and Arabic script,
because those break careless code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Background:
    female: tuple[str, ...]
    male: tuple[str, ...]
    # A family name, or (female form, male form) where the language has both.
    families: tuple[str | tuple[str, str], ...]
    language: str = "English"
    other_language_share: float = 0.0  # how many prefer their own language over English


BACKGROUNDS: dict[str, Background] = {
    "english": Background(
        ("Emma", "Olivia", "Sophie", "Jessica", "Charlotte", "Chloe", "Hannah", "Lauren", "Amy",
         "Rebecca", "Zoë", "Katie", "Danielle", "Gemma", "Abigail", "Megan"),
        ("Jack", "Thomas", "Daniel", "James", "Ryan", "Liam", "Callum", "Joshua"),
        ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Hughes", "Walker", "Wright",
         "Clarke", "Robinson", "Thompson", "Ashworth", "Pemberton-Lowe"),
    ),
    "irish_scottish": Background(
        ("Siobhán", "Aoife", "Niamh", "Caoimhe", "Eilidh", "Morag", "Róisín", "Saoirse",
         "Orla", "Ailsa"),
        ("Ciarán", "Seán", "Pádraig", "Ruairí", "Hamish"),
        ("Ó Briain", "O'Connor", "MacLeod", "Ó Súilleabháin", "McAllister", "Gallagher",
         "Murphy", "O'Neill", "MacDonald", "Mac Giolla Phádraig"),
    ),
    "polish": Background(
        ("Zofia", "Agnieszka", "Małgorzata", "Katarzyna", "Łucja", "Joanna", "Magdalena",
         "Aleksandra"),
        ("Paweł", "Michał", "Wojciech", "Łukasz", "Jakub"),
        ("Wójcik", "Kowalczyk", ("Dąbrowska", "Dąbrowski"), "Nowak",
         ("Lewandowska", "Lewandowski"), ("Wiśniewska", "Wiśniewski"),
         ("Zielińska", "Zieliński"), ("Woźniak", "Woźniak")),
        "Polish", 0.35,
    ),
    "vietnamese": Background(
        ("Linh", "Thảo", "Hương", "Trâm", "Ngọc Anh", "Phương", "Mai"),
        ("Minh", "Tuấn", "Đức", "Quang"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"),
        "Vietnamese", 0.5,
    ),
    "arabic_script": Background(
        ("ليلى", "مريم", "نور", "فاطمة", "سلمى"),
        ("يوسف", "عمر", "خالد"),
        ("حداد", "الخطيب", "منصور", "العلي"),
        "Arabic", 0.9,
    ),
    "arabic_latin": Background(
        ("Layla", "Yasmin", "Rania", "Noor", "Hiba", "Salma"),
        ("Karim", "Omar", "Youssef"),
        ("Haddad", "Mansour", "Al-Khatib", "Saleh", "El-Amin"),
        "Arabic", 0.3,
    ),
    "nigerian": Background(
        ("Chiamaka", "Ngozi", "Adaeze", "Oluwaseun", "Folake", "Temitope", "Ifeoma", "Bisola"),
        ("Tunde", "Chinedu", "Emeka", "Olumide"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Oyelaran", "Nwosu"),
    ),
    "punjabi_sikh": Background(
        ("Harpreet", "Simran", "Jaspreet", "Manpreet", "Gurleen"),
        ("Gurpreet", "Harjit", "Amrik"),
        (("Kaur", "Singh"), "Gill", "Sandhu", "Dhillon", "Bains"),
        "Punjabi", 0.15,
    ),
    "bangladeshi": Background(
        ("Nusrat", "Shabana", "Fatima", "Rumana", "Tahmina", "Sumaiya"),
        ("Imran", "Shahid", "Rafiq"),
        ("Begum", "Rahman", "Chowdhury", "Ahmed", "Miah", "Uddin"),
        "Bengali", 0.25,
    ),
    "pakistani": Background(
        ("Aisha", "Sana", "Zainab", "Hira", "Mehwish"),
        ("Bilal", "Usman", "Tariq"),
        ("Khan", "Hussain", "Iqbal", "Butt", "Malik"),
        "Urdu", 0.2,
    ),
    "indian": Background(
        ("Priya", "Ritu", "Anjali", "Deepa", "Kavya", "Lakshmi"),
        ("Rajesh", "Arjun", "Vikram"),
        ("Patel", "Sharma", "Iyer", "Joshi", "Nair", "Mehta"),
        "Gujarati", 0.1,
    ),
    "german": Background(
        ("Anja", "Lena", "Jürgen", "Käthe", "Mareike", "Sabine"),
        ("Jürgen", "Matthias", "Jörg"),
        ("Müller", "Schäfer", "Becker", "Weiß", "Köhler"),
        "German", 0.1,
    ),
    "nordic": Background(
        ("Åsa", "Ingrid", "Sigrún", "Maja", "Linnéa"),
        ("Søren", "Björn", "Ørjan"),
        ("Øberg", "Sørensen", "Håkansson", "Lindqvist"),
        "Norwegian", 0.05,
    ),
    "turkish": Background(
        ("Ayşe", "Elif", "Zeynep", "Gülşen", "Büşra", "Merve"),
        ("Gökhan", "Emre", "Barış"),
        ("Şahin", "Yılmaz", "Çelik", "Öztürk", "Doğan", "Aydın"),
        "Turkish", 0.4,
    ),
    "portuguese": Background(
        ("Beatriz", "Inês", "Conceição", "Luana", "Graça", "Joana"),
        ("João", "Tiago", "Gonçalo"),
        ("Ferreira", "Gonçalves", "Araújo", "Simões", "Magalhães"),
        "Portuguese", 0.3,
    ),
    "chinese": Background(
        ("Wei", "Mei", "Xiaoling", "Jing", "Yan", "Hui"),
        ("Jun", "Hao", "Zhiwei"),
        ("Chen", "Wang", "Li", "Zhang", "Liu", "Huang"),
        "Mandarin", 0.3,
    ),
    "czech_slovak": Background(
        ("Tereza", "Lucie", "Kateřina", "Zuzana", "Markéta"),
        ("Jiří", "Tomáš", "Ondřej"),
        (("Nováková", "Novák"), ("Dvořáková", "Dvořák"), ("Horváthová", "Horváth"),
         ("Černá", "Černý")),
        "Czech", 0.3,
    ),
    "romanian": Background(
        ("Ștefania", "Andreea", "Ioana", "Mădălina", "Elena"),
        ("Mihai", "Andrei", "Ștefan"),
        ("Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Munteanu"),
        "Romanian", 0.4,
    ),
    "somali": Background(
        ("Hodan", "Ayaan", "Sagal", "Hibaaq", "Ifrah"),
        ("Abdi", "Mahad", "Liban"),
        ("Warsame", "Farah", "Hassan", "Abdullahi", "Jama"),
        "Somali", 0.35,
    ),
    "caribbean": Background(
        ("Shanice", "Tanisha", "Renée", "Marcia", "Jodie-Ann", "Chantelle"),
        ("Marcus", "Andre", "Delroy"),
        ("Campbell", "Baptiste", "Francis", "Edwards", "McKenzie", "St. Clair"),
    ),
}

# How often each background is drawn, in a London caseload.
BACKGROUND_WEIGHTS: dict[str, int] = {
    "english": 30, "irish_scottish": 7, "polish": 7, "vietnamese": 3, "arabic_script": 2,
    "arabic_latin": 3, "nigerian": 7, "punjabi_sikh": 3,
    "bangladeshi": 4, "pakistani": 3, "indian": 4, "german": 2, "nordic": 1,
    "turkish": 4, "portuguese": 4, "chinese": 3, "czech_slovak": 3, "romanian": 5,
    "somali": 4, "caribbean": 7,
}

PREFERRED_NAMES: dict[str, tuple[str, ...]] = {
    "Katarzyna": ("Kasia",), "Małgorzata": ("Gosia",), "Aleksandra": ("Ola",),
    "Oluwaseun": ("Seun",), "Temitope": ("Tope",), "Rebecca": ("Becky", "Bex"),
    "Abigail": ("Abbie",), "Jessica": ("Jess",), "Harpreet": ("Preet",),
    "Xiaoling": ("Lily",), "Wei": ("Vivian",), "Linh": ("Lynn",), "Ngọc Anh": ("Anna",),
    "Siobhán": ("Shiv",), "Ștefania": ("Ștefi",), "Daniel": ("Dan",), "Thomas": ("Tom",),
    "ليلى": ("Layla",), "مريم": ("Maryam",), "نور": ("Noor",), "فاطمة": ("Fatima",),
    "سلمى": ("Salma",), "Ifeoma": ("Ify",), "Joshua": ("Josh",), "Kateřina": ("Katka",),
}

# The four names every run of four or more cases must contain (the awkward ones).
REQUIRED_VICTIMS: tuple[tuple[str, str, str, str], ...] = (
    # background, given names, family name, gender
    ("polish", "Agnieszka Maria", "Wójcik", "f"),
    ("irish_scottish", "Siobhán", "Ó Briain", "f"),
    ("vietnamese", "Thảo", "Nguyễn", "f"),
    ("arabic_script", "ليلى", "حداد", "f"),
)

SUPPORT_WORKERS: dict[str, tuple[str, ...]] = {
    "isva": ("Jo Whitfield", "Sam Adebayo-Hart", "Nia Price", "Becca O'Donnell",
             "Marta Kozłowska", "Dee Ramsay"),
    "idva": ("Priya Lakhani", "Claire Dunmore", "Tamsin Yeo", "Grace Ọkọ́"),
}

# The language a victim gives, as the interpreter's booking names it, where the two differ.
INTERPRETER_FOR: dict[str, str] = {"Bengali": "Bengali (Sylheti)", "Mandarin": "Mandarin"}
