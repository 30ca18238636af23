"""Where the fictional people live and where their cases are heard.

Addresses are on made-up streets with postcodes in London districts that do not exist
(for example N23 or SE29), so no generated address can be a real one.
"""

from __future__ import annotations

STREETS = (
    "Larkspur Road", "Cobbold Mews", "Thistlewood Avenue", "Quillan Street", "Marlowe Gardens",
    "Juniper Close", "Hartswell Lane", "Bramblecote Road", "Ashdown Terrace", "Wrenfield Court",
    "Fennimore Street", "Tollgate Rise", "Orchardine Way", "Pelham Vale", "Saffron Hythe",
    "Kestrel Walk", "Merriweather Place", "Gorsefield Crescent", "Linnet Row", "Caddington Yard",
    "St Aldric's Row", "Weavers' Approach", "Mulberry Hollow", "Quayside Parade",
)
BLOCKS_OF_FLATS = ("Kestrel House", "Tamar Court", "Heron Point", "Bellamy House", "Osier Tower",
                   "Wyvern Lodge")
# Outward codes that do not exist (each London postcode area stops short of these numbers).
DISTRICTS: tuple[tuple[str, str], ...] = (
    ("N23", "London"), ("N24", "London"), ("E21", "London"), ("E22", "London"),
    ("SE29", "London"), ("SE30", "London"), ("NW12", "London"), ("W15", "London"),
    ("SW21", "London"), ("SW22", "London"), ("BR9", "Bromley"), ("IG12", "Ilford"),
    ("RM21", "Romford"), ("UB12", "Uxbridge"), ("HA10", "Harrow"), ("EN12", "Enfield"),
    ("TW21", "Twickenham"), ("DA19", "Bexley"),
)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in the inward code

CROWN_COURTS = ("Snaresbrook Crown Court", "Wood Green Crown Court", "Isleworth Crown Court",
                "Inner London Crown Court", "Harrow Crown Court", "Croydon Crown Court")
MAGISTRATES_COURTS = ("Highbury Corner Magistrates' Court", "Thames Magistrates' Court",
                      "Willesden Magistrates' Court", "Bromley Magistrates' Court",
                      "Uxbridge Magistrates' Court")
