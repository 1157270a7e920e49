"""The French vocabulary the corpus generator draws from: words, names, tags.

Hand-written so the corpus needs no download and stays identical everywhere.
The text only has to look like the blog (accents, apostrophes, « », French
punctuation, a marketing vocabulary), not to make sense.
"""

from __future__ import annotations

# Nouns by gender, singular; the generator builds plurals with simple rules.
NOUNS_M = """
marché client réseau contenu budget objectif public prospect produit service
projet résultat retour investissement article blog billet commentaire lecteur
abonné partenaire consultant métier secteur territoire concurrent salon
événement webinaire message discours ton positionnement levier canal outil
logiciel tableau indicateur trafic référencement moteur lien mot calendrier
rythme format visuel titre sujet thème récit témoignage avis conseil échange
dialogue lien partage compte profil groupe forum média support site
questionnaire sondage rapport bilan chiffre taux coût délai effort temps
mois trimestre lancement salarié dirigeant patron collaborateur stagiaire
prestataire fournisseur distributeur commerce magasin point réflexe usage
parcours tunnel devis contrat cahier plan processus suivi pilotage réglage
modèle exemple cas succès échec risque doute pari virage cap défi frein
atout avantage inconvénient argument engagement abonnement achat panier
"""
NOUNS_F = """
stratégie entreprise marque communication visibilité notoriété présence
audience cible clientèle relation confiance image réputation campagne
publicité annonce offre vente prospection conversion fidélisation
plateforme page vidéo photo infographie newsletter lettre publication
question réponse idée opinion remarque critique discussion conversation
communauté équipe agence direction personne ressource compétence formation
méthode démarche approche règle habitude priorité contrainte difficulté
solution réussite erreur tendance pratique expérience étude analyse mesure
statistique donnée requête recherche valeur qualité quantité fréquence
durée semaine année période saison veille curiosité patience régularité
cohérence transparence authenticité proximité personnalité identité
histoire narration rédaction écriture ligne charte politique gestion
animation modération externalisation organisation structure économie
croissance rentabilité marge activité mission prestation proposition
"""

# Adjectives as masculine/feminine pairs (feminine given when irregular).
ADJECTIVES = [
    ("simple", "simple"), ("efficace", "efficace"), ("régulier", "régulière"),
    ("cohérent", "cohérente"), ("pertinent", "pertinente"), ("durable", "durable"),
    ("local", "locale"), ("digital", "digitale"), ("numérique", "numérique"),
    ("social", "sociale"), ("commercial", "commerciale"), ("éditorial", "éditoriale"),
    ("nouveau", "nouvelle"), ("premier", "première"), ("dernier", "dernière"),
    ("petit", "petite"), ("grand", "grande"), ("long", "longue"), ("court", "courte"),
    ("bon", "bonne"), ("mauvais", "mauvaise"), ("meilleur", "meilleure"),
    ("clair", "claire"), ("précis", "précise"), ("concret", "concrète"),
    ("réel", "réelle"), ("naturel", "naturelle"), ("personnel", "personnelle"),
    ("professionnel", "professionnelle"), ("quotidien", "quotidienne"),
    ("interne", "interne"), ("externe", "externe"), ("indépendant", "indépendante"),
    ("important", "importante"), ("intéressant", "intéressante"), ("utile", "utile"),
    ("rapide", "rapide"), ("lent", "lente"), ("coûteux", "coûteuse"),
    ("rentable", "rentable"), ("visible", "visible"), ("mesurable", "mesurable"),
    ("chronophage", "chronophage"), ("incontournable", "incontournable"),
    ("essentiel", "essentielle"), ("prioritaire", "prioritaire"), ("actuel", "actuelle"),
    ("ancien", "ancienne"), ("franc", "franche"), ("honnête", "honnête"),
    ("discret", "discrète"), ("ambitieux", "ambitieuse"), ("modeste", "modeste"),
    ("fidèle", "fidèle"), ("authentique", "authentique"), ("original", "originale"),
    ("complet", "complète"), ("global", "globale"), ("ciblé", "ciblée"),
    ("adapté", "adaptée"), ("partagé", "partagée"), ("dédié", "dédiée"),
    ("satisfait", "satisfaite"), ("inespéré", "inespérée"), ("pérenne", "pérenne"),
]

# Verbs, third person singular present, transitive.
VERBS = """
améliore renforce développe construit nourrit soutient transforme change
simplifie complique freine accélère mesure révèle cache guide oriente
attire fidélise convainc rassure touche valorise structure organise
demande exige mérite permet favorise facilite limite réduit augmente
remplace complète prolonge accompagne anime modère partage publie
relaie explique illustre raconte justifie questionne bouscule dynamise
"""

# Infinitives for questions and advice ("Faut-il ... ?", "Il vaut mieux ...").
INFINITIVES = """
choisir définir mesurer publier partager animer externaliser déléguer
confier écrire raconter tester comparer suivre analyser planifier
construire développer soigner entretenir relancer simplifier clarifier
prioriser limiter adapter écouter répondre remercier former recruter
"""

ADVERBS = """
souvent rarement vraiment simplement clairement réellement rapidement
progressivement régulièrement naturellement honnêtement objectivement
logiquement raisonnablement concrètement difficilement facilement
désormais toujours parfois encore aussi surtout
"""

OPENERS = [
    "En effet,", "Pourtant,", "Ensuite,", "Bref,", "D'après mon expérience,",
    "Concrètement,", "En tout cas,", "Honnêtement,", "Par ailleurs,", "Seulement,",
    "Autrement dit,", "Pour ma part,", "Dans la pratique,", "Au quotidien,",
    "Comme souvent,", "À mon avis,", "Depuis quelques années,", "Désormais,",
]

COMPLEMENTS = [
    "sur les réseaux sociaux", "pour les PME", "dans la durée", "au quotidien",
    "en interne", "en externe", "sur LinkedIn", "sur Twitter", "sur Facebook",
    "sur Instagram", "dans le climat économique actuel", "pour un indépendant",
    "à long terme", "en quelques semaines", "sans gros budget", "auprès des clients",
    "pour la marque", "dans chaque secteur", "avec un peu de méthode",
    "sur le web", "en ligne", "hors ligne", "lors d'un salon", "par e-mail",
    "pour un artisan", "dans une petite équipe", "en moins d'une heure par jour",
]

# Short sentences that open or close a reader's comment.
COMMENT_OPENERS = [
    "Merci pour cet article !", "Bonjour Lionel,", "Très juste.",
    "Article très intéressant, merci.", "Je ne suis pas tout à fait d'accord.",
    "Bonne analyse !", "Bonjour,", "Merci pour ce partage.",
    "Je partage votre avis.", "Question pratique :", "Excellent résumé.",
    "Vous avez raison sur un point :",
]
COMMENT_CLOSERS = [
    "Qu'en pensez-vous ?", "Merci encore !", "Bonne continuation.",
    "À bientôt sur le blog.", "Au plaisir de vous lire.", "Cordialement.",
    "Des retours d'expérience là-dessus ?", "Bravo pour ce blog !",
]
AUTHOR_REPLIES = [
    "Bonjour {name} et merci de votre commentaire.",
    "Merci {name} pour ce retour d'expérience !",
    "Bonne question, {name} :",
    "Vous avez raison, {name}.",
    "Merci {name}, je vous rejoins sur ce point.",
]

FIRST_NAMES = """
Xavier Sophie Nathalie Pierre Isabelle Julien Claire Thomas Camille Nicolas
Émilie Laurent Céline Mathieu Aurélie Olivier Stéphanie Sébastien Hélène
François Amélie Frédéric Chloé Guillaume Marion Benoît Élodie Jérôme Léa
Antoine Manon Cédric Pauline Grégory Anaïs Hugo Zoé Loïc Maëlle Gaëlle
"""
LAST_NAMES = """
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon
Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel
Girard André Lefort Mercier Dupont Lambert Bonnet François Martinez Kerjean
Guérin Chevalier Faure Rousseau Blanc Gauthier Perrin Morin Caron Kervella
"""

# Tag roots (marketing topics) and qualifiers: crossing them gives ~200 tags.
TAG_ROOTS = [
    "Médias sociaux", "PME", "Twitter", "LinkedIn", "Facebook", "Instagram",
    "Viadeo", "YouTube", "Pinterest", "Externalisation", "Community management",
    "Blog", "Newsletter", "E-mailing", "Référencement", "SEO", "Publicité",
    "Stratégie digitale", "Marketing de contenu", "Notoriété", "E-réputation",
    "ROI", "Veille", "Prospection", "Fidélisation", "Relation client",
    "Commerce local", "Indépendants", "Artisans", "Formation", "Outils",
    "Statistiques", "Vidéo", "Podcast", "Événementiel", "Storytelling",
    "Personal branding", "Recrutement", "Marque employeur", "Web analytique",
]

CATEGORIES = ["Médias sociaux", "Marketing digital", "Stratégie"]

# Fictional domains only (reserved or clearly invented): nothing is fetched.
DOMAINS = [
    "example.com", "example.org", "example.net", "exemple.fr", "mon-agence.example",
    "blog-marketing.example", "pme-digitale.example", "atelier-web.example",
]
URL_PATHS = [
    "etude-2015", "guide", "chiffres-cles", "dossier/medias-sociaux", "ressources",
    "article/roi-des-medias-sociaux", "livre-blanc", "outils/gratuits", "a-propos",
]
CODE_SNIPPETS = ["utm_source", "#hashtag", "@mention", "rel=nofollow", "<title>", "robots.txt"]


def words(block: str) -> list[str]:
    """The whitespace-separated words of a block above, in order."""
    return block.split()
