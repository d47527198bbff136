"""Writes news.jsonl: 20 short articles about four invented events, as several outlets would report them.

Written for the batch tests (not taken from any corpus). Also one Spanish article (stored, not extracted),
one syndicated copy (a near-duplicate) and one broken line (a failure the run must report and survive).
Run ``python tests/batch/data/make_news.py`` to regenerate.
"""

import json
from pathlib import Path

A = [  # Antwerp port strike, 3 Feb 2026
    ("Reuters", "2026-02-03", "Antwerp dockworkers start 48-hour strike over pensions",
     "ANTWERP, Feb 3 (Reuters) - Dockworkers at the Port of Antwerp-Bruges walked out on Tuesday for 48 hours, "
     "halting container traffic at Europe's second-largest port.\nThe ACV union said about 2,500 members joined the "
     "strike to protest a plan to raise the retirement age for port workers from 63 to 67.\n\"We will not accept "
     "that our members work four more years in the cold and the rain,\" union secretary Marc Dierckx told reporters "
     "at the gate.\nPort officials said 34 ships were waiting at anchor by Tuesday evening."),
    ("Associated Press", "2026-02-03", "Strike shuts Belgian port as unions fight pension reform",
     "Thousands of dockworkers in Antwerp went on strike Tuesday, shutting down most of the Belgian port.\n"
     "Unions say roughly 2,500 workers stopped work for 48 hours. Prime Minister Bart De Wever's government wants to "
     "raise the pension age for dockers to 67.\n\"The reform is necessary and it will go ahead,\" Labour Minister "
     "David Clarinval said in Brussels.\nShipping companies warned that delays could last until next week."),
    ("Financial Times", "2026-02-03", "Antwerp strike snarls European supply chains",
     "A two-day strike at the Port of Antwerp-Bruges has left more than 30 vessels waiting to berth, adding to "
     "pressure on European supply chains.\nThe port handled 278 million tonnes of cargo last year.\nMaersk said it "
     "would divert some calls to Rotterdam. \"Our customers should expect delays of three to five days,\" a Maersk "
     "spokesperson said.\nThe unions plan a further strike on February 17 if talks fail."),
    ("The Guardian", "2026-02-04", "Belgian dockers continue walkout as talks stall",
     "Belgian dockworkers continued their strike on Wednesday after talks with the government ended without a deal.\n"
     "Marc Dierckx of the ACV union said the government had offered nothing new.\n\"They want us to work until 67. "
     "That is not negotiable,\" Dierckx said.\nAbout 40 ships were waiting outside Antwerp on Wednesday morning, "
     "according to port data."),
    ("Politico Europe", "2026-02-03", "De Wever digs in as port strike bites",
     "Prime Minister Bart De Wever said on Tuesday his government would not drop its pension reform despite a "
     "48-hour strike at the Port of Antwerp.\n\"We cannot keep a system that costs 1.2 billion euros a year more "
     "than it brings in,\" De Wever told parliament.\nThe strike is the third in the port since November."),
]
B = [  # Bank of Canada decision, 28 Jan 2026
    ("Reuters", "2026-01-28", "Bank of Canada holds key rate at 2.25%",
     "OTTAWA, Jan 28 (Reuters) - The Bank of Canada held its key overnight rate at 2.25% on Wednesday, as expected, "
     "and said tariffs from the United States were still weighing on growth.\nGovernor Tiff Macklem said the bank "
     "was ready to act if the outlook weakened. \"We are watching the labour market very closely,\" Macklem told "
     "reporters.\nThe bank forecast growth of 1.1% in 2026, down from 1.2% in its October report."),
    ("CBC News", "2026-01-28", "Bank of Canada keeps interest rate unchanged",
     "The Bank of Canada kept its benchmark interest rate at 2.25 per cent on Wednesday.\nGovernor Tiff Macklem "
     "said inflation was close to the two per cent target but the economy remained fragile.\n\"Uncertainty is "
     "unusually high,\" Macklem said at a news conference in Ottawa.\nEconomists expect the bank to hold again in "
     "March."),
    ("Bloomberg", "2026-01-28", "Macklem holds rates, flags trade risks",
     "Canada's central bank left borrowing costs unchanged at 2.25% for a third straight meeting.\nPolicymakers "
     "led by Tiff Macklem cut their growth forecast for 2026 to 1.1%.\nTraders had priced in a 90% chance of a hold "
     "before the decision, according to swaps data.\nThe Canadian dollar was little changed at 72.10 US cents."),
    ("The Globe and Mail", "2026-01-28", "Rate hold leaves mortgage holders waiting",
     "Canadians hoping for cheaper mortgages will have to wait after the Bank of Canada held its policy rate at "
     "2.25 per cent on Wednesday.\nThe bank said it would keep rates steady \"as long as inflation stays near "
     "target.\"\nAbout 1.2 million mortgages are up for renewal this year, according to the Canada Mortgage and "
     "Housing Corporation."),
    ("CTV News", "2026-01-28", "Bank of Canada pauses again",
     "The Bank of Canada paused its rate moves again on Wednesday, holding at 2.25 per cent.\nMacklem said the "
     "bank could cut further if U.S. tariffs push the economy into recession.\n\"We have room to move,\" he said."),
]
C = [  # Chile wildfires, 9-10 Feb 2026
    ("Reuters", "2026-02-09", "Chile wildfires kill 12, force thousands to flee",
     "SANTIAGO, Feb 9 (Reuters) - Wildfires in central Chile have killed at least 12 people and forced more than "
     "5,000 to leave their homes, officials said on Monday.\nPresident Gabriel Boric declared a state of "
     "emergency in the Valparaiso region.\n\"We are facing a very difficult situation,\" Boric said in a televised "
     "address.\nFirefighters were battling 38 active fires across about 8,000 hectares."),
    ("BBC News", "2026-02-10", "Chile fires: death toll rises to 15",
     "The death toll from wildfires in central Chile has risen to 15, the interior ministry said on Tuesday.\n"
     "Strong winds and temperatures above 35C are spreading the flames near Vina del Mar.\nInterior Minister "
     "Alvaro Elizalde said more than 400 homes had been destroyed.\n\"The priority is to save lives,\" Elizalde "
     "said."),
    ("Al Jazeera", "2026-02-09", "Thousands evacuated as wildfires rage in Chile",
     "Thousands of people fled their homes in central Chile on Monday as wildfires spread across the Valparaiso "
     "region.\nAt least 12 people have died, according to Chilean authorities.\nPresident Boric said the army "
     "would help firefighters. \"Every resource of the state is available,\" he said.\nThe fires have burned "
     "about 8,000 hectares since Saturday."),
    ("El Pais English", "2026-02-10", "Chile counts the cost of its worst fires since 2024",
     "Chile's government on Tuesday said 15 people had died in the fires around Valparaiso, the worst since the "
     "blazes of February 2024 that killed 137 people.\nMore than 400 homes were lost.\nThe government will pay "
     "each affected family a bonus of 1.5 million pesos, Finance Minister Nicolas Grau said."),
]
D = [  # EU fine for a cloud company, 12 Feb 2026
    ("Reuters", "2026-02-12", "EU fines cloud provider 600 million euros over licensing",
     "BRUSSELS, Feb 12 (Reuters) - The European Commission fined Nimbus Cloud 600 million euros on Thursday for "
     "tying its software licences to its own cloud service.\nCompetition Commissioner Teresa Ribera said the "
     "company had abused its dominant position for at least five years.\n\"Customers must be free to choose where "
     "they run their software,\" Ribera said.\nNimbus said it would appeal."),
    ("Financial Times", "2026-02-12", "Brussels hits Nimbus with EUR600mn antitrust fine",
     "The European Commission has fined Nimbus Cloud 600 million euros, in one of the largest penalties against a "
     "cloud company.\nTeresa Ribera said the practices had raised costs for European businesses.\nNimbus, which "
     "had revenue of 42 billion dollars last year, said it \"strongly disagrees\" with the decision."),
    ("Politico Europe", "2026-02-12", "Ribera's first big tech fine lands on Nimbus",
     "Teresa Ribera on Thursday fined Nimbus Cloud 600 million euros, her first major antitrust penalty as "
     "competition chief.\nThe Commission said the company must change its licensing terms within 90 days.\n"
     "\"This is only the beginning,\" a Commission official said."),
    ("TechCrunch", "2026-02-12", "Nimbus Cloud to appeal record EU fine",
     "Nimbus Cloud will appeal a 600 million euro fine from the European Commission, the company said on "
     "Thursday.\n\"We believe our licensing has always been fair,\" Nimbus chief executive Laura Chen said in a "
     "statement.\nThe fine equals about 1.4% of the company's annual revenue."),
]

rows = []
n = 0
for group in (A, B, C, D):
    for outlet, date, title, text in group:
        n += 1
        rows.append({"id": f"story-{n:02d}", "outlet": outlet, "published": date, "title": title, "text": text})
# a syndicated copy of the first Reuters story, carried by another site with a new id (a near-duplicate)
rows.append({**rows[0], "id": "story-copy", "outlet": "Yahoo News"})
# a Spanish article: stored and flagged, not extracted
rows.append({"id": "story-es", "outlet": "La Tercera", "published": "2026-02-09",
             "title": "Incendios en Chile dejan al menos 12 muertos",
             "text": "Los incendios forestales en la region de Valparaiso han dejado al menos 12 muertos y mas de "
                     "cinco mil personas evacuadas, informaron las autoridades este lunes. El presidente Gabriel "
                     "Boric decreto estado de emergencia y pidio a la poblacion seguir las instrucciones de los "
                     "bomberos."})
lines = [json.dumps(r, ensure_ascii=False) for r in rows]
lines.insert(7, '{"id": "broken", "text": "unterminated')  # a bad line: reported, the run goes on
Path(__file__).with_name("news.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
