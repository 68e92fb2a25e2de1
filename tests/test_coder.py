import pandas as pd
import pytest

from xiplomacy import code_stance, code_stances, find_terms

# (text, party, initiative, level): the codebook's own examples and cases from the data
CASES = [
    # rule 1: the highest cue wins; rejection wins over everything
    ("Kazakhstan welcomes and supports the Global Security Initiative.", "KAZ", "GSI", 3),
    ("Kazakhstan supports and will actively participate in the Global Security Initiative.", "KAZ", "GSI", 4),
    ("Nepal has not supported the Global Security Initiative.", "NPL", "GSI", -1),
    ("Nepal supports the GDI. Nepal has not supported the GSI and no agreement has been reached over it.", "NPL", "GSI", -1),
    ("Nepal supports the GDI. Nepal has not supported the GSI and no agreement has been reached over it.", "NPL", "GDI", 3),
    # rule 2: a pledge counts only when its object is the initiative
    ("Kazakhstan welcomes the GDI and is ready to work with China on regional stability", "KAZ", "GDI", 2),
    ("Kazakhstan supports the GDI and is ready to work with China to implement the GSI", "KAZ", "GSI", 4),
    # rule 3: China's own words cap at 1, unless China reports the party's stance or a fact
    ("China is willing to work with Kyrgyzstan to implement the global development initiative.", "KGZ", "GDI", 1),
    ("Xi said Pakistan took the lead in actively supporting the GSI.", "PAK", "GSI", 3),
    ("China welcomes the Maldives' participation in the Group of Friends of the GDI.", "MDV", "GDI", 4),
    ("China welcomes Azerbaijan to join China in implementing the Global Development Initiative (GDI).", "AZE", "GDI", 1),
    ("China hopes that Uganda will actively participate in the GDI.", "UGA", "GDI", 1),
    ("China commends Pakistan for taking the lead in actively supporting the Global Security Initiative, and will work "
     "with Pakistan to promote the implementation of these two initiatives, said Xi", "PAK", "GSI", 3),
    ("Xi also said China appreciates the active support of Iran in the Global Development Initiative.", "IRN", "GDI", 3),
    ("China values Azerbaijan's significant role and is prepared to work with Azerbaijan to implement the GDI", "AZE", "GDI", 1),
    # rule 4: groups include the parties of the text or event; a party left out of a list is 0
    ("The two sides agreed to cooperate under the framework of the Global Development Initiative.", "BLR", "GDI", 4),
    ("Kazakhstan, Kyrgyzstan, Pakistan, Russia, Tajikistan and Uzbekistan reaffirmed their support for the Belt and Road "
     "Initiative.", "IND", "BRI", 0),
    ("Kazakhstan, Kyrgyzstan, Pakistan, Russia, Tajikistan and Uzbekistan reaffirmed their support for the Belt and Road "
     "Initiative.", "TJK", "BRI", 3),
    ("The Central Asian countries support the GDI.", "KAZ", "GDI", 3),
    ("The Central Asian countries support the GDI.", "PAK", "GDI", 0),
    # rule 5: aliases, ellipsis, numbers, paraphrase, Chinese in both scripts
    ("The two sides agreed to implement the Global Development and Security Initiatives.", "BLR", "GSI", 4),
    ("Both sides welcome the three global initiatives.", "BLR", "GCI", 2),
    ("Belarus fully supports your proposed initiative on international security.", "BLR", "GSI", 3),
    ("the leaders voiced their support for the China-proposed initiatives on global development, security and "
     "civilization.", "KAZ", "GSI", 3),
    ("哈方支持全球安全倡议，愿同中方落实全球发展倡议。", "KAZ", "GSI", 3),
    ("哈方支持全球安全倡議，願同中方落實全球發展倡議。", "KAZ", "GDI", 4),
    ("習近平指出，中方願同哈方落實全球發展倡議。", "KAZ", "GDI", 1),
    ("越方赞赏中方提出的全球发展倡议、全球安全倡议和全球文明倡议,双方将深入探讨落实上述倡议的具体举措。", "VNM", "GSI", 4),
    ("柬方高度评价习近平主席提出的共建“一带一路”倡议、全球发展倡议和全球安全倡议。", "KHM", "GSI", 2),
    # no mention: 0
    ("Kazakhstan and China discussed trade and energy.", "KAZ", "GSI", 0),
    # round 4 (v0.2.0): a rejection needs the initiative as its object; more aliases and cues
    ("Hungary will actively participate in Belt and Road cooperation, and Hungary opposes decoupling.", "HUN", "BRI", 4),
    ("Regarding the other initiatives, Nepal hasn't supported it and no agreement has been reached over it.", "NPL", "GSI", -1),
    ("Serbia reiterated its support for your global initiatives.", "SRB", "GSI", 3),
    ("塞方支持中方提出的所有重大倡议。", "SRB", "BRI", 3),
    ("Voicing Iran's support for the 'global development' and 'global security' initiatives proposed by Xi.", "IRN", "GSI", 3),
    ("Ghana is supportive of the Global Governance Initiative.", "GHA", "GGI", 3),
    ("Both sides will align the Belt and Road Initiative with the Blue Pacific 2050 Strategy.", "FJI", "BRI", 4),
    # round 5 (v0.2.0): invitations, conducive-to clauses, "etc." lists, regional groups, clause scope
    ("Beijing welcomes Sierra Leone to actively participate in the Global Development Initiative, he said.", "SLE", "GDI", 1),
    ("伊方表示,这将有利于更好推进落实全球发展倡议。", "IRN", "GDI", 2),
    ("中方愿同莫方推动落实全球安全倡议。莫方表示,“一带一路”倡议和全球发展倡议等系列重要倡议,有利于帮助其他国家。", "MOZ", "GSI", 1),
    ("习近平主席提出的全球发展倡议,非方坚定支持。", "AU", "GDI", 3),
    ("柬方反对任何干涉中国内政的图谋,愿同中方率先践行全球发展倡议。", "KHM", "GDI", 4),
    ("Chile looks forward to co-building the Belt and Road with China.", "CHL", "BRI", 4),
    # round 6 (v0.3.0): Chinese subjects open their clause, passive agents, co-building as a fact,
    # "we jointly", consensus lists, hyphenated pairs, more predicates
    ("中方愿推动“一带一路”倡议同圭亚那发展战略对接,提升两国共建“一带一路”合作水平。", "GUY", "BRI", 1),
    ("以两国建交75周年为契机,中方愿同缅方共同落实全球发展倡议。", "MMR", "GDI", 1),
    ("柬方表示,中国式现代化给柬带来机遇,愿同中方践行全球发展倡议。", "KHM", "GDI", 4),
    ("全球发展倡议得到东盟国家积极支持。", "ASEAN", "GDI", 3),
    ("全球发展倡议得到100多个国家及包括联合国在内的多个国际组织支持。", "UN", "GDI", 3),
    ("The Belt and Road Initiative is welcomed and supported by the Arab world, said the AL chief.", "LAS", "BRI", 3),
    ("The UN said the three global initiatives are highly aligned with its purposes.", "UN", "GSI", 2),
    ("The GDI is crucial for developing countries, Kenya said.", "KEN", "GDI", 2),
    ("“一带一路”倡议为东盟国家的基础设施建设提供支持。", "ASEAN", "BRI", 2),
    ("乌拉圭期待依托三大全球倡议,与中国携手合作。", "URY", "GDI", 4),
    ("王毅表示,欢迎墨方积极参与,双方可推动共建“一带一路”同墨发展战略对接。", "MEX", "BRI", 1),
    ("我们达成新的共识,其中最重要的是,我们共同决定将共建“一带一路”倡议同巴西发展战略对接。", "BRA", "BRI", 4),
    ("Wang Yi introduced the consensus reached by the two sides. First, jointly advance the Belt and Road "
     "cooperation. Second, jointly implement the Global Development Initiative.", "SLB", "GDI", 4),
    ("China-Tajikistan have pledged to cooperate on the Global Development Initiative.", "TJK", "GDI", 4),
    ("Kenya is a key participant in the BRI.", "KEN", "BRI", 4),
    ("一年多来,中马共建“一带一路”合作取得积极进展。", "MDV", "BRI", 4),
    ("Türkiye believes that the global initiatives, proposed by Chinese President Xi Jinping, are of strategic "
     "significance.", "TUR", "GSI", 2),
    ("Hungary was an early supporter. China can count on Hungary to remain part of the Belt and Road Initiative.",
     "HUN", "BRI", 4),
    ("阿方高度赞赏习近平主席提出的全球文明倡议。", "LAS", "GCI", 2),
    ("中方愿同孟方落实两国领导人达成的重要共识,推动共建“一带一路”倡议与孟方战略对接。", "BGD", "BRI", 1),
    # round 7 (v0.3.0): participation as a fact, co-builders before an adverb, "we all", the GGI among
    # "China's global initiatives" when the text names it, more predicates
    ("埃塞俄比亚是共建“一带一路”的重要参与方。", "ETH", "BRI", 4),
    ("斐济积极支持三大全球倡议,也是共建“一带一路”的重要合作伙伴。", "FJI", "GSI", 3),
    ("塞西表示,埃中“一带一路”框架下合作卓有成效。", "EGY", "BRI", 4),
    ("七、双方将继续高质量共建“一带一路”。", "SLB", "BRI", 4),
    ("中方愿同巴新继续高质量共建“一带一路”。", "PNG", "BRI", 1),
    ("我们都致力于深化合作。我们将推进全球发展倡议。", "AU", "GDI", 4),
    ("Kazakhstan fully supports China's global initiatives. The President said the Global Governance Initiative "
     "is timely.", "KAZ", "GGI", 3),
    ("尊敬的中国国家主席就全球安全、全球发展提出的倡议,意义非凡。我们要做的是把这些倡议付诸实施。", "IRN", "GSI", 4),
    ("Iraq is looking forward to strengthening partnership within the Belt and Road Initiative.", "IRQ", "BRI", 4),
    ("The government communicated its intention not to proceed with the Belt and Road Initiative.", "ITA", "BRI", -1),
    ("“We will establish synergies between Brazil’s strategies, such as the South American Integration Routes "
     "Program, and the Belt and Road Initiative,” Lula said.", "BRA", "BRI", 4),
    ("The Belt and Road Initiative has played a critical part in the development of Grenada.", "GRD", "BRI", 2),
    ("Macut emphasized how China's Global Development, Security, Civilization, and Governance Initiatives align "
     "with the UN Charter.", "SRB", "GCI", 2),
    # round 8 (v0.3.0): a "[...]" cut ends a sentence, "spoke highly of", Chinese appraisals of value and
    # contribution, a Chinese leader before 提出 is the proposer, "participating countries" are nobody's act
    ("全球文明倡议是中国对世界的宝贵贡献。", "PER", "GCI", 2),
    ("三大全球倡议具有重要价值。", "ARG", "GDI", 2),
    ("习近平主席提出的全球发展倡议为推动可持续发展作出重要贡献。", "UZB", "GDI", 2),
    ("The GDI presents a very timely framework for cooperation, Cuba said.", "CUB", "GDI", 2),
    ("Kazakhstan spoke highly of the Global Development Initiative.", "KAZ", "GDI", 2),
    ("Kazakhstan spoke highly of the Global Development Initiative.[...]The Belt and Road Initiative turned ten.",
     "KAZ", "BRI", 1),
    ("Regarding Morocco as an important partner in the Belt and Road cooperation, China is ready to deepen "
     "cooperation.", "MAR", "BRI", 4),
    ("Fiji expressed solidarity with China's Global Security Initiative.", "FJI", "GSI", 3),
    ("所有参与国家都能从“一带一路”倡议中获益。", "SUR", "BRI", 1),
    ("多米尼加参加全球发展倡议之友小组首次会议。", "DOM", "GDI", 4),
    ("An inter-ministerial meeting was held regarding the prospect of joining GDI.", "BGD", "GDI", 1),
    # round 9 (v0.3.0): the object of 对...表示支持 stands before the verb and is shared by the verbs
    # coordinated with it; 至关重要; "in perfect alignment with"
    ("科方对上述全球发展倡议表示支持并将积极参与有关合作。", "COM", "GDI", 4),
    ("科方对全球发展倡议表示支持。", "COM", "GDI", 3),
    ("全球发展倡议聚焦减贫和粮食安全,“这些对巴哈马至关重要”。", "BHS", "GDI", 2),
    ("The prime minister said the Global Security Initiative is in perfect alignment with what Timor-Leste "
     "stands for.", "TLS", "GSI", 2),
    # round 10 (v0.3.0): "China supports X in doing Y" is China's wish; "China and the Maldives" is a
    # pair; a party named in a plan's title is not an actor; 中基两国 is a pair
    ("中方将积极支持斯方聚焦经济建设,推进高质量共建“一带一路”。", "LKA", "BRI", 1),
    ("China is ready to work with the Maldives to deepen the partnership between China and the Maldives, and "
     "implement the Global Development Initiative.", "MDV", "GDI", 1),
    ("中方愿推动全球发展倡议同“基里巴斯20年发展规划”深入对接。", "KIR", "GDI", 1),
    ("中基两国已签署共建“一带一路”合作谅解备忘录。", "KIR", "BRI", 4),
    # round 11 (v0.4.0): a short form shared by several parties stands for the ones the text names;
    # one that is also a word (西方 Spain / the West, 南方, 多方) is the word in its word contexts
    ("习近平会见乌兹别克斯坦总统。乌方支持全球安全倡议。", "UKR", "GSI", 0),
    ("习近平会见乌兹别克斯坦总统。乌方支持全球安全倡议。", "UZB", "GSI", 3),
    ("多米尼克总理表示,多方愿同中方一道落实全球发展倡议。", "DOM", "GDI", 0),
    ("多米尼克总理表示,多方愿同中方一道落实全球发展倡议。", "DMA", "GDI", 4),
    ("一些西方国家不支持全球安全倡议,巴基斯坦坚定支持全球安全倡议。", "ESP", "GSI", 0),
    ("推动全球南方共同发展。南非支持全球发展倡议。", "SSD", "GDI", 0),
    ("中方愿同南方继续相互支持。南非总统表示,南方愿同中方高质量共建“一带一路”。", "ZAF", "BRI", 4),
    ("圣普方高度赞赏并坚定支持全球安全倡议,安哥拉欢迎全球安全倡议。", "STP", "GSI", 3),
    # round 12 (v0.4.0): a name that is also a group word keeps both readings; "the three
    # countries" is a group; more aliases, appraisals and post cues; "make good use of" is a pledge
    ("Central Asian countries highly appreciate the Global Development Initiative, the Chinese foreign minister "
     "said.", "KGZ", "GDI", 2),
    ("The three Central Asian countries highly appreciate the Global Development Initiative, the Chinese foreign "
     "minister said.", "UZB", "GDI", 2),
    ("Kyrgyzstan confirmed that it will join the Group of Friends for Global Governance.", "KGZ", "GGI", 4),
    ("联合国工业发展组织总干事表示,中国提出的各项全球倡议与联合国宗旨高度一致。", "UN", "GDI", 2),
    ("中方赞赏联大主席积极支持和参与全球发展倡议。", "UN", "GDI", 4),
    ("苏里南希望继续加强同中国在‘一带一路’框架下的合作。", "SUR", "BRI", 4),
    ("白俄罗斯欢迎全球发展倡议,并热衷于在该倡议的框架内开展合作。", "BLR", "GDI", 4),
    ("我们毫不怀疑‘一带一路'倡议和‘全球发展倡议'等倡议将一样成功。白俄罗斯欢迎‘全球发展倡议',并热衷于在该倡议"
     "的框架内开展合作。", "BLR", "BRI", 2),
    ("东帝汶大使表示,“中国提出的全球治理倡议非常重要,而且恰逢其时。”", "TLS", "GGI", 2),
    ("东帝汶大使表示,共建“一带一路”倡议为东帝汶提供了更多战略选择。", "TLS", "BRI", 2),
    ("白俄罗斯认为,“一带一路”倡议将和中国的国内发展一样成功。", "BLR", "BRI", 2),
    ("Radev said Bulgaria will be able to embrace the opportunities offered by the Belt and Road Initiative.",
     "BGR", "BRI", 2),
    ("The two countries make good use of important platforms, such as the Belt and Road Initiative.", "GNB", "BRI", 4),
    ("Skerrit said the agreements also cover economic cooperation between Dominica and China, jointly promoting "
     "the Belt and Road Initiative.", "DMA", "BRI", 4),
    # round 13 (v0.4.0): plural frameworks; "pledging"; a step named as the topic of talks is
    # discussed (1), co-building named as a fact is not; aid received under an initiative is not a
    # pledge; "other matters of significance" appraises nothing
    ("Pakistan will strengthen cooperation with China in various fields under the frameworks of the Belt and "
     "Road Initiative and the GDI.", "PAK", "GDI", 4),
    ("Wang Yi and Niue's Premier met via video, with both sides pledging to deepen cooperation including on the "
     "Belt and Road Initiative.", "NIU", "BRI", 4),
    ("张明表示,全球安全倡议为共同营造和平稳定的发展环境提供了行动指引。", "SCO", "GSI", 2),
    ("乌兹别克斯坦外长表示,双方并就推进落实全球发展倡议深入交换意见。", "UZB", "GDI", 1),
    ("Kazakhstan and China discussed ways to implement the Global Development Initiative.", "KAZ", "GDI", 1),
    ("两国元首会谈,就中智关系、两国共建“一带一路”和各领域合作交换意见。", "CHL", "BRI", 4),
    ("The Foreign Ministers discussed transit issues, Afghanistan's role in BRI & other matters of significance.",
     "AFG", "BRI", 1),
    ("Sri Lanka praised the Global Development Initiative and appreciated the assistance extended to Sri Lanka "
     "under the GDI.", "LKA", "GDI", 2),
    ("老挝部长高度赞赏全球发展倡议,希望在全球发展倡议框架下继续得到中方援助。", "LAO", "GDI", 2),
]

# attribution says who speaks: the party in its own statement, the party's stance in China's account
ATTRIBUTED = [
    ("He addressed the Shanghai Cooperation Organisation (SCO+ Meeting) today. China's proposed Global Governance "
     "Initiative (GGI) will help strengthen the multilateral system, he said.", "NPL", "GGI", None, 0),
    ("He addressed the Shanghai Cooperation Organisation (SCO+ Meeting) today. China's proposed Global Governance "
     "Initiative (GGI) will help strengthen the multilateral system, he said.", "NPL", "GGI", "own voice", 2),
    ("Azerbaijan supports the Global Development Initiative, President Aliyev said at the SCO Plus meeting.",
     "SCO", "GDI", "own voice", 0),
    ("多米尼克驻华大使表示,中国提出的四大全球倡议为中拉合作带来广阔机遇。", "CELAC", "GDI", None, 0),
    ("多米尼克驻华大使表示,中国提出的四大全球倡议为中拉合作带来广阔机遇。", "CELAC", "GDI", "China's account", 1),
]


@pytest.mark.parametrize("text,party,initiative,level", CASES)
def test_code_stance(text, party, initiative, level):
    assert code_stance(text, party, initiative) == level


@pytest.mark.parametrize("text,party,initiative,attribution,level", ATTRIBUTED)
def test_code_stance_reads_attribution(text, party, initiative, attribution, level):
    assert code_stance(text, party, initiative, attribution=attribution) == level


def test_code_stances_matches_code_stance_row_by_row():
    frame = pd.DataFrame(CASES, columns=["text", "party", "initiative", "expected"])
    levels = code_stances(frame)
    assert list(levels) == [code_stance(t, p, i) for t, p, i, _ in CASES]
    assert list(levels.index) == list(frame.index)


def test_code_stances_rejects_bad_input():
    with pytest.raises(ValueError, match="initiative"):
        code_stances(pd.DataFrame({"text": ["x"], "party": ["KAZ"], "initiative": ["XYZ"]}))
    with pytest.raises(ValueError, match="columns"):
        code_stances(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ValueError):
        code_stance("text", "KAZ", "GSX")


def test_find_terms_english_and_chinese():
    assert find_terms("We uphold the principle of indivisible security.") == {"indivisible security"}
    assert find_terms("秉持安全不可分割原则，摒弃冷战思维，不搞集团政治和阵营对抗") == {
        "indivisible security", "Cold War mentality", "bloc politics/confrontation"}
    assert find_terms("摒棄冷戰思維") == {"Cold War mentality"}
    assert find_terms("common, comprehensive, cooperative and sustainable security") == set()
