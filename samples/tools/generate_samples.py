#!/usr/bin/env python3
"""Generates the sample housing stock and virtual agency exports in samples/.

Deterministic (fixed seed): running it again gives the same files. The output
is committed; this script documents how it was made and lets it be remade.
"""
import csv, io, os, random
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
rng = random.Random(20261204)

AGENCIES = [
    ("AG-FO", "Agence Fontaine d'Ouche", "2 place de la Fontaine d'Ouche, 21000 Dijon", "FO", "Fontaine d'Ouche", 16,
     ["avenue du Lac", "boulevard Chanoine Kir", "rue de Bourges", "allée de Grenoble", "rue du Tillot", "rue de Nantes"]),
    ("AG-GR", "Agence Grésilles", "10 boulevard des Martyrs de la Résistance, 21000 Dijon", "GR", "Grésilles", 12,
     ["rue Marcel Sembat", "avenue Roland Carraz", "rue Camille Flammarion", "rue Pierre Curie"]),
    ("AG-CH", "Agence Chenôve", "3 rue Roger Salengro, 21300 Chenôve", "CH", "Chenôve Mail", 10,
     ["rue Paul Bert", "boulevard Maréchal Leclerc", "rue Jean Moulin", "place Coluche"]),
    ("AG-QU", "Agence Quetigny", "1 place Centrale, 21800 Quetigny", "QU", "Quetigny Centre", 6,
     ["rue des Vergers", "avenue du Château", "allée des Cerisiers"]),
]

def gen_stock():
    agencies, buildings, dwellings, tenants = [], [], [], []
    tenant_no = 12000
    connected_left = 102
    connected_per_building = {10: 34, 11: 34, 12: 34}
    for ag_id, name, addr, district, district_name, nb, streets in AGENCIES:
        agencies.append((ag_id, name, addr))
        for b in range(1, nb + 1):
            bid = f"{district}-B{b:02d}"
            street = streets[(b - 1) % len(streets)]
            buildings.append((bid, ag_id, f"{rng.randint(1, 60)} {street}, Dijon", district_name))
            floors = rng.choice([4, 5, 8, 10, 12])
            per_floor = rng.choice([4, 6, 8, 10])
            for f in range(0, floors + 1):
                for n in range(1, per_floor + 1):
                    did = f"{bid}-{f:02d}{n:02d}"
                    connected = 0
                    # The RESPONSE project's 102 connected dwellings are in
                    # buildings B10 to B12 of Fontaine d'Ouche, 34 in each
                    # (a gateway per building).
                    if district == "FO" and connected_per_building.get(b, 0) > 0:
                        connected = 1
                        connected_left -= 1
                        connected_per_building[b] -= 1
                    dwellings.append((did, bid, f, f"{n:02d}", connected))
                    if rng.random() < 0.96:  # a few dwellings are vacant
                        tenant_no += rng.randint(1, 3)
                        elderly = 1 if rng.random() < (0.35 if connected else 0.14) else 0
                        vulnerable = 1 if rng.random() < 0.05 else 0
                        tenants.append((f"L{tenant_no:07d}", did, elderly, vulnerable))
    assert connected_left == 0, connected_left
    return agencies, buildings, dwellings, tenants

def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)

# (category label, subject, message) templates. {n} an apartment number,
# {e} a floor, {j} a weekday. Typos and SMS style are deliberate.
TEMPLATES = [
    ("Demande technique", "Chauffage", "Radiateurs froids dans tout l'appartement depuis {j}."),
    ("Demande technique", "chauffage", "bonjour, il fait 15 degrés chez moi, le chauffage ne marche plus.\nJ'ai un bébé de 3 mois.\nMerci de faire vite"),
    ("Demande technique", "radiateur", "le radiateur de la chambre ne chauffe qu'à moitié; il faut peut-être le purger"),
    ("Demande technique", "eau chaude", "Plus d'eau chaude depuis hier soir"),
    ("Demande technique", "", "pas d eau chaude ni chauffage dans l immeuble , tout le monde est concerné"),
    ("Demande technique", "Vanne connectée", "La tête thermostatique connectée clignote en rouge et le radiateur reste froid"),
    ("Demande technique", "Fuite", "Le mitigeur de l'évier fuit goutte à goutte"),
    ("Demande technique", "wc", "chasse d'eau qui coule en permanence"),
    ("Demande technique", "Evier bouché", "Evier de la cuisine bouché, l'eau ne s'écoule plus"),
    ("Demande technique", "Dégât des eaux", "De l'eau coule du plafond de la salle de bain, ça vient du voisin du dessus ({n})"),
    ("Demande technique", "Electricité", "Les prises de la chambre ne fonctionnent plus, le disjoncteur saute"),
    ("Demande technique", "lumière palier", "L'éclairage du palier du {e}ème étage ne s'allume plus"),
    ("Demande technique", "ASCENSEUR EN PANNE", "ascenseur en panne depuis {j}, je suis au {e}ème avec mes courses..."),
    ("Demande technique", "Ascenseur", "L'ascenseur s'arrête entre deux étages, personne dedans heureusement"),
    ("Demande technique", "Porte d'entrée", "La porte du hall ne ferme plus, n'importe qui peut rentrer"),
    ("Demande technique", "volet roulant", "Le volet roulant du salon est bloqué en position fermée"),
    ("Demande technique", "Serrure boîte aux lettres", "Serrure de ma boîte aux lettres forcée"),
    ("Demande technique", "Interphone", "L'interphone ne sonne plus chez moi, je ne peux pas ouvrir aux visiteurs"),
    ("Demande technique", "badge", "Mon badge n'ouvre plus la porte du parking"),
    ("Demande technique", "Odeur de gaz", "Ça sent le gaz dans la cage d'escalier au {e}ème étage !!"),
    ("Demande technique", "urgent", "Fumée qui sort du local poubelles, j'ai appelé les pompiers"),
    ("Demande technique", "fuite importante", "Grosse fuite dans la cuisine, l'eau arrive dans le salon, j'ai coupé le compteur"),
    ("Demande technique", "VMC", "La VMC fait un bruit terrible jour et nuit"),
    ("Demande technique", "Humidité", "Moisissures sur les murs de la chambre des enfants malgré l'aération"),
    ("Nuisibles", "Cafards", "Présence de cafards dans la cuisine depuis plusieurs semaines, les voisins aussi"),
    ("Nuisibles", "punaises", "Punaises de lit dans la chambre, on est piqués toutes les nuits"),
    ("Nuisibles", "Souris", "Des souris dans la cave et maintenant dans l'appartement"),
    ("Nuisibles", "Guêpes", "Nid de guêpes sous le toit au-dessus de ma fenêtre"),
    ("Nuisibles", "pigeons", "Les pigeons nichent sur le balcon, fientes partout"),
    ("Nuisibles", "rats", "rats vus près du local poubelle ce matin"),
    ("Nuisibles", "Odeur de gaz", "Je me suis trompée de catégorie : odeur de gaz dans la cave"),
    ("Conflit de voisinage", "Bruit", "Musique très forte tous les soirs jusqu'à 2h du matin chez le voisin du {e}ème"),
    ("Conflit de voisinage", "tapage", "tapage nocturne appart {n}, impossible de dormir, c'est tous les week-ends"),
    ("Conflit de voisinage", "Menaces", "Mon voisin m'a menacé dans l'escalier, j'ai peur de sortir"),
    ("Conflit de voisinage", "Chien", "Le chien du voisin aboie toute la journée quand il est absent"),
    ("Conflit de voisinage", "Stationnement", "Un voisin gare sa voiture devant l'entrée des pompiers"),
    ("Conflit de voisinage", "", "les jeunes squattent le hall d'entrée tous les soirs, \"c'est chez nous\" qu'ils disent"),
    ("Propreté", "Hall sale", "Le hall n'a pas été nettoyé depuis 2 semaines"),
    ("Propreté", "Encombrants", "Un matelas et un frigo abandonnés devant le local vélos"),
    ("Propreté", "Tags", "Tags sur la porte d'entrée et dans l'ascenseur"),
    ("Propreté", "local poubelles", "Local poubelles qui déborde, ça sent très mauvais"),
    ("Propreté", "escaliers", "Escaliers sales, urine au rez-de-chaussée"),
    ("Raccordement fibre", "Fibre", "Orange me dit que le raccordement fibre n'est pas possible dans l'immeuble"),
    ("Raccordement fibre", "PTO", "La prise fibre (PTO) a été arrachée lors des travaux de peinture"),
    ("Raccordement fibre", "Free", "Le technicien Free a besoin d'accéder au local technique au sous-sol, qui a la clé ?"),
    ("Raccordement fibre", "fibre optique", "slt la fibre marche plus depuis que SFR est venu chez le voisin"),
    ("Autre", "Attestation", "Pouvez-vous m'envoyer une attestation de loyer pour la CAF ?"),
    ("Autre", "Changement de logement", "Je souhaite un logement plus petit, mes enfants sont partis"),
    ("Autre", "Question charges", "Je ne comprends pas la régularisation de charges de cette année; pouvez-vous m'expliquer ?"),
    ("Autre", "", "Merci pour l'intervention rapide d'hier !"),
]

DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

def phone():
    n = f"0{rng.choice('67')}{rng.randint(0, 99999999):08d}"
    style = rng.random()
    if style < 0.5:
        return " ".join(n[i:i + 2] for i in range(0, 10, 2))
    if style < 0.7:
        return "+33" + n[1:]
    if style < 0.85:
        return n
    return ""

def messy(text):
    r = rng.random()
    if r < 0.12:
        return text.upper()
    if r < 0.25:
        return text.lower().replace("é", "e").replace("è", "e").replace("à", "a")
    return text

def gen_requests(dwellings, tenants_by_dwelling, start, days):
    occupied = [d for d in dwellings if d[0] in tenants_by_dwelling]
    agency_of = {a[0][3:5]: a[1] for a in AGENCIES}
    reqs = []
    no = 4100
    for day in range(days):
        date = start + timedelta(days=day)
        count = rng.randint(18, 40) if date.weekday() < 5 else rng.randint(8, 16)
        times = sorted(rng.randint(0, 86399) for _ in range(count))
        for t in times:
            no += 1
            d = rng.choice(occupied)
            did = d[0]
            if rng.random() < 0.02:
                did = f"{did[:2]}-B9{rng.randint(0, 9)}-{did[-4:]}"  # unknown to the stock
            cat, subject, message = rng.choice(TEMPLATES)
            message = message.format(n=did[-4:], e=int(did[-4:-2]) or 1, j=rng.choice(DAYS))
            when = date + timedelta(seconds=t)
            fmt = "%d/%m/%Y %H:%M:%S" if rng.random() < 0.2 else "%d/%m/%Y %H:%M"
            email = "" if rng.random() < 0.3 else f"locataire{no}@{rng.choice(['gmail.com', 'orange.fr', 'free.fr', 'laposte.net'])}"
            reqs.append([f"AV-2026-{no:06d}", when.strftime(fmt), "Agence virtuelle", cat, messy(subject),
                         messy(message), tenants_by_dwelling.get(d[0], ""), did,
                         agency_of[did[:2]], phone(), email])
    return reqs

HEADER = ["N° demande", "Date de création", "Canal", "Catégorie", "Objet", "Message", "Réf. locataire",
          "Réf. logement", "Agence", "Téléphone", "Courriel"]

def export_text(rows, crlf):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n" if crlf else "\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()

def main():
    agencies, buildings, dwellings, tenants = gen_stock()
    stock = os.path.join(OUT, "stock")
    os.makedirs(stock, exist_ok=True)
    write_csv(os.path.join(stock, "agencies.csv"), ["agency_id", "name", "address"], agencies)
    write_csv(os.path.join(stock, "buildings.csv"), ["building_id", "agency_id", "address", "district"], buildings)
    write_csv(os.path.join(stock, "dwellings.csv"), ["dwelling_id", "building_id", "floor", "number", "connected"], dwellings)
    write_csv(os.path.join(stock, "tenants.csv"), ["tenant_ref", "dwelling_id", "elderly", "vulnerable"], tenants)

    tenants_by_dwelling = {t[1]: t[0] for t in tenants}
    reqs = gen_requests(dwellings, tenants_by_dwelling, datetime(2026, 11, 16), 14)
    def between(a, b):
        return [r for r in reqs if a <= datetime.strptime(r[1][:10], "%d/%m/%Y") < b]
    exports = os.path.join(OUT, "exports")
    os.makedirs(exports, exist_ok=True)
    # Week 1, UTF-8 with a byte-order mark, as the platform exports it.
    with open(os.path.join(exports, "va-export-2026-11-16_2026-11-22.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(export_text(between(datetime(2026, 11, 16), datetime(2026, 11, 23)), crlf=False))
    # 20-26 November, overlapping the first: opened and saved again in a
    # spreadsheet, so Windows-1252 with CRLF line ends.
    with open(os.path.join(exports, "va-export-2026-11-20_2026-11-26.csv"), "w", encoding="cp1252", newline="") as f:
        f.write(export_text(between(datetime(2026, 11, 20), datetime(2026, 11, 27)), crlf=True))
    with open(os.path.join(exports, "va-export-2026-11-27_2026-11-29.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(export_text(between(datetime(2026, 11, 27), datetime(2026, 11, 30)), crlf=False))
    print(f"{len(agencies)} agencies, {len(buildings)} buildings, {len(dwellings)} dwellings, "
          f"{len(tenants)} tenants, {len(reqs)} requests")

if __name__ == "__main__":
    main()
