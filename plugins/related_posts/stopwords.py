"""French stop words: function words that say nothing about what an article is about.

Based on the Snowball French stop list (articles, pronouns, prepositions,
conjunctions, auxiliaries and their conjugated forms), extended with frequent
adverbs and blog filler words. Lowercase, accented, compared before stemming.
"""

FRENCH_STOP_WORDS: frozenset[str] = frozenset(
    """
    a à â abord afin ah ai aie aient aies ainsi ait alors après as assez au aucun aucune
    aujourd aujourd'hui auquel aura aurai auraient aurais aurait auras aurez auriez aurions
    aurons auront aussi autant autre autres aux auxquelles auxquels avaient avais avait avant
    avec avez aviez avions avoir avons ayant ayez ayons

    bah beaucoup bien bientôt bon

    ça car ce ceci cela celle celles celui cependant certain certaine certaines certains ces
    cet cette ceux chacun chacune chaque chez ci comme comment contre

    dans de déjà depuis des desquelles desquels dès donc dont du duquel durant

    eh elle elles en encore entre es est et étaient étais était étant été êtes étiez étions
    être eu eue eues eûmes eurent eus eusse eussent eusses eussiez eussions eut eût eûtes eux

    fais fait faites faut fois font furent fus fusse fussent fusses fussiez fussions fut fût
    fûtes

    guère hui

    hein hélas hors

    ici il ils

    je jusqu jusque

    la là laquelle le lequel les lesquelles lesquels leur leurs lors lorsque lui

    ma mais malgré me même mêmes mes moi moins mon

    ne néanmoins ni non nos notre nôtre nôtres nous

    on ont or ou où oui

    par parce parfois parmi pas pendant peu peut peuvent peux plus plusieurs plutôt pour
    pourquoi pourtant puis puisque

    qu quand que quel quelle quelles quels qui quoi quoique

    sa sans sauf se selon ses si sien sienne siennes siens soi soient sois soit sommes son
    sont souvent soyez soyons suis sur

    ta tandis tant te tes toi ton tous tout toute toutes très tu

    un une unes uns

    va vais vas vers via voici voilà vont vos votre vôtre vôtres vous vu

    y

    aller avez-vous ceux-ci ceux-là celle-ci celle-là celui-ci celui-là chose choses dire
    doit doivent donne donner fait faire faisant font lequel mieux peut-être pouvoir quelque
    quelques rien seul seule seulement soit tel telle telles tels toujours trop vraiment
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
