"""Stage 2: the stance coder (``data/README.md`` describes the codebook it implements).

A text is parsed once into spans: sentences, initiative mentions, party mentions and stance
cues. Each cue gets an *actor* (who takes the stance: the nearest preceding party mention
in the sentence that stands as a subject, else the sentence's speaker) and an *object*
(the initiatives named after the cue, up to the next clause boundary or the next cue that
is not coordinated with it). The level for (party, initiative) is then:

* the highest cue whose object is the initiative and whose actor includes the party;
* capped at 1 when China speaks for itself (rule 3 of the codebook), including a group
  ("the two sides") in a sentence whose speaker is China;
* -1 when a rejection cue applies, whatever else the text says (rule 1);
* 1 when the initiative is named and the party is connected to the text without a stance;
* 0 when the initiative is not named, or the text names other parties and not this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa

from .vocab import INITIATIVES

try:  # traditional -> simplified Chinese; the pure-Python port of OpenCC's tables
    import opencc
    from opencc import OpenCC

    _T2S = OpenCC("t2s").convert
except ImportError:  # pragma: no cover - a declared dependency
    _T2S = None


def _t2s_triggers() -> frozenset | None:
    """The characters whose presence can make OpenCC's t2s change a text.

    Those its character table maps to another character, and those that differ inside its
    phrase table's entries (覆 in 反覆 -> 反复). A text with none of them converts to itself,
    so the (slow, pure-Python) conversion is skipped. None when the tables cannot be read."""
    if _T2S is None:
        return None
    folder = Path(opencc.__file__).parent / "dictionary"
    found: set[str] = set()
    try:
        for name in ("TSCharacters.txt", "TSPhrases.txt"):
            for line in (folder / name).read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                for value in values.split():
                    if len(value) == len(key):
                        found.update(k for k, v in zip(key, value) if k != v)
                    elif value != key:
                        found.update(key)
    except OSError:  # pragma: no cover - a different build of the package
        return None
    return frozenset(found)


_T2S_TRIGGERS = _t2s_triggers()

CJK = re.compile(r"[\u4e00-\u9fff]")
CODER_LANGUAGES = ("en", "zh")  # the languages the rules read
PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")

# ---------------------------------------------------------------- initiatives
_HEAD = {"development": "GDI", "security": "GSI", "civilization": "GCI", "civilisation": "GCI", "cultur": "GCI",
         "governance": "GGI", "stability": "GSI", "发展": "GDI", "安全": "GSI", "文明": "GCI", "治理": "GGI"}
_HEADS_EN = r"(?:development|security|civili[sz]ation|governance)"
_HEADS_ZH = r"(?:发展|安全|文明|治理)"
INITIATIVE_PATTERNS: list[tuple[str, tuple[str, ...] | None]] = [
    # elliptical and full names: "Global Development and Security Initiatives"
    (rf"\b(?:global\s+)?'?{_HEADS_EN}'?(?:\s*(?:,\s*and|,|and|&|as well as)\s*(?:the\s+)?'?(?:global\s+)?{_HEADS_EN}'?)*\s+initiatives?\b", None),
    (rf"全球{_HEADS_ZH}(?:[、和与及]?{_HEADS_ZH})*倡议", None),
    # "initiatives on global development, security and civilization", "initiatives such as global
    # development, global security", "vision for global security and development"
    (rf"\b(?:initiatives?|visions?|proposals?)\s+(?:on|for|such\s+as|like|including|related\s+to|focused\s+on|"
     rf"aimed\s+at(?:\s+\w+)?|to\s+(?:promote|advance|foster))\s+"
     rf"(?:the\s+)?(?:global\s+)?(?:{_HEADS_EN}|stability)(?:\s*(?:,|and|&)\s*(?:and\s+)?(?:global\s+)?(?:{_HEADS_EN}|stability|cultur(?:e|al)(?:\s+exchanges?)?))*\b", None),
    (rf"\binitiative,?\s+(?:which|that)\s+\w+\s+(?:at|to)\s+(?:\w+\s+){{0,2}}(?:the\s+)?global\s+{_HEADS_EN}\b", None),
    (r"\bfriends\s+of\s+(?:the\s+)?global\s+development\b", ("GDI",)),
    (r"\bfriends\s+(?:of|for)\s+(?:the\s+)?global\s+governance\b|全球治理之友小组", ("GGI",)),
    (r"\ball\s+(?:the\s+|of\s+the\s+)?(?:major\s+|important\s+)?initiatives\s+(?:put\s+forward|proposed|launched)\s+by\s+(?:president\s+)?xi\b", ("GDI", "GSI", "GCI", "BRI")),
    (rf"\bglobal\s+{_HEADS_EN}\s+i(?:n(?:i(?:t(?:i(?:a(?:t(?:i(?:ve?)?)?)?)?)?)?)?)?$", None),  # cut mid-word at the end
    (r"\b(?:initiative|proposal)s?\s+on\s+(?:international|global|common)\s+security\b", ("GSI",)),
    (r"\b(?:initiative|proposal)s?\s+on\s+(?:international|global)\s+development\b", ("GDI",)),
    (r"(?<![A-Za-z])GSI(?![A-Za-z])", ("GSI",)),
    (r"(?<![A-Za-z])GDI(?![A-Za-z])", ("GDI",)),
    (r"(?<![A-Za-z])GCI(?![A-Za-z])", ("GCI",)),
    (r"(?<![A-Za-z])GGI(?![A-Za-z])", ("GGI",)),
    (r"(?<![A-Za-z])BRI(?![A-Za-z])", ("BRI",)),
    (r"\bbelt\s*(?:and|&)\s*(?:the\s+)?(?:silk\s+)?roads?\b|\bone\s+belt,?\s+one\s+road\b|\bsilk\s+road\s+economic\s+belt\b|\bmaritime\s+silk\s+road\b", ("BRI",)),
    (r"(?:共建|共同建设)?[“\"「‘']?一带一路[”\"」’']?|丝绸之路经济带|海上丝绸之路", ("BRI",)),
    (r"\bfour\s+(?:major\s+|key\s+)?(?:global\s+)?initiatives\b|四大全球倡议", ("GDI", "GSI", "GCI", "GGI")),
    # "your global initiatives", "President Xi's global initiatives", "China's global initiatives"
    # ("GGI?": the GGI too when the text names it: "China's global initiatives ... the latest, the GGI")
    (r"\b(?:your|(?:president\s+)?xi(?:\s+jinping)?'s|china's|beijing's)\s+(?:\w+\s+)?global\s+initiatives\b", ("GDI", "GSI", "GCI", "GGI?")),
    # "a series of important global initiatives", "系列重要全球倡议"
    (r"\ba\s+series\s+of\s+(?:\w+\s+)?global\s+initiatives\b|系列(?:重要|重大)?全球倡议|各项(?:重要|重大)?全球倡议", ("GDI", "GSI", "GCI", "GGI?")),
    # "the global initiatives, proposed by Chinese President Xi Jinping"
    (r"\bglobal\s+initiatives,?\s+(?:put\s+forward|proposed|launched|initiated)\s+by\s+(?:the\s+)?(?:chinese\s+)?(?:president\s+)?(?:xi|china)\b",
     ("GDI", "GSI", "GCI", "GGI?")),
    # "就全球安全、全球发展以及发展目标提出的倡议": the initiatives China proposed on these themes
    (rf"(?:就|关于|围绕)(?:全球{_HEADS_ZH}[、，,和与及以]*)+[^。，,；]{{0,10}}提出的(?:重要|重大)?倡议", None),
    # "all major initiatives proposed by China", 中方提出的所有重大倡议
    (r"所有重大倡议|一系列重大倡议|各项重大倡议|\ball\s+(?:the\s+)?major\s+initiatives\s+(?:put\s+forward|proposed)\s+by\s+(?:china|the\s+chinese\s+side)\b",
     ("GDI", "GSI", "GCI", "BRI")),
    (r"\bthree\s+(?:major\s+|key\s+)?(?:global\s+)?initiatives\b|三大全球倡议|三大倡议", ("GDI", "GSI", "GCI")),
    (r"\btwo\s+(?:major\s+|key\s+)?(?:global\s+)?initiatives\b|两大(?:全球)?倡议|两个(?:全球)?倡议", ("GDI", "GSI")),
]
# "the initiative", "该倡议": refers back to the initiatives last named
ANAPHORA = (r"\b(?:the|this|that|these|both|said|above|such)\s+(?:important\s+|major\s+)?initiatives?\b|该倡议|这一倡议|上述倡议|这些倡议|此倡议|这一(?:伟大)?理念"
            r"|对此|(?<![发展安全文明治理路议])(?<!路”)(?<!路\")(?<!路」)(?<!路’)(?<!路')倡议(?!之友)")
OTHERS = re.compile(r"\bthe\s+other\s+(?:global\s+)?initiatives\b|其他倡议|其它倡议", re.I)

# ---------------------------------------------------------------- cues
# (pattern, level). Matched case-insensitively on simplified text. Order does not matter:
# every cue is found, and the highest level that applies wins.
CUES: list[tuple[str, int]] = [
    # reject
    (r"\b(?:has|have|had|did|does|do|is|are|was|were)\s+(?:not|never)\s+(?:yet\s+|formally\s+|officially\s+)?(?:supported|support|endorsed|endorse|joined|join|signed|sign|backed|back|agreed|a\s+(?:part|member|signatory)\s+of|part\s+of)\b", -1),
    (r"\b(?:not|never)\s+(?:to\s+)?(?:support|endorse|join|sign\s+on\s+to|back|renew|proceed\s+with|continue\s+with|extend)\b", -1),
    (r"\bno\s+agreement\s+(?:has|had)\s+been\s+reached\b|\bdeclined\s+to\b|\brefused\s+to\b|\bdenied\b|\boppos(?:e|es|ed|ing)\b|\brejects?\b|\brejected\b|\bwithdr(?:aw|aws|ew|awn|awal|awing)\b|\bquit(?:s|ting)?\b|\brefrain(?:s|ed|ing)?\s+from\b|\bexit(?:ed|ing)?\s+(?:from\s+)?\b", -1),
    (r"不支持|未支持|没有支持|不赞同|未加入|没有加入|不加入|未签署|没有签署|不参与|反对|否认|退出", -1),
    # acknowledge: studying or considering a step is not taking it ("will consider joining")
    (r"\bprospects?\s+of\b|\bwill\s+assess\b|\b(?:will\s+|would\s+)?consider(?:s|ed|ing)?\b|\b(?:is|are|was)\s+studying\b|\bstud(?:y|ies|ying)\b|\btook\s+note\s+of\b|\btakes?\s+note\s+of\b|\bnoted\b", 1),
    (r"考虑|研究|注意到", 1),
    # commit
    (r"\b(?:ready|willing|prepared|committed|determined|glad|happy|keen)\s+to\b", 4),
    (r"\b(?:will|shall|would)\s+(?:actively\s+|continue\s+to\s+|jointly\s+|further\s+)*(?:implement|participate|take\s+part|join|promote|advance|push\s+forward|carry\s+out|engage|contribute|cooperate|work)", 4),
    (r"\b(?:actively\s+)?(?:participa(?:te|tes|ted|ting|tion|nts?)|involvement|membership|accession)\b|\bunder\s+the\b(?=\s+(?:belt|global|bri\b|gdi\b|gsi\b|gci\b|ggi\b))|\b(?:took|take|takes|taking)\s+part\s+in\b", 4),
    (r"\bjoin(?:s|ed|ing)?\b|\bbec(?:ame|ome|omes|oming)\s+(?:a\s+)?(?:founding\s+)?(?:member|part)\b|\bmembers?\s+of\s+the\s+(?:group\s+of\s+)?friends\b|\bsign(?:s|ed|ing)?\b", 4),
    (r"\bcontribut(?:e|es|ed|ing)\s+to\b(?=\s+(?:the\s+)?(?:[\w']+\s+){0,4}?implementation\b)|\bagree[sd]?\s+to\b|\bagreed\b(?!\s+that)|\bpledg(?:e|es|ed|ing)\b|\bcommit(?:s|ted|ment)?\s+to\b", 4),
    (r"\bmak(?:e|es|ing)\s+(?:good|full|better)\s+use\s+of\b|\bjointly\s+(?:promot|advanc)(?:e|es|ed|ing)\b(?!\s+(?:the\s+)?implementation)", 4),
    (r"\b(?:jointly\s+)?implement(?:s|ed|ing)?\b|\bco-?build(?:ing)?\b|\bjointly\s+build(?:ing)?\b|\bjoint\s+construction\b", 4),
    (r"\b(?:jointly\s+)?(?:promot(?:e|es|ed|ing)|advanc(?:e|es|ed|ing)|push(?:es|ed|ing)?\s+forward)\s+(?:the\s+)?implementation\s+of\b|"
     r"\btowards?\s+(?:the\s+)?(?:full\s+|effective\s+)?implementation\s+of\b", 4),
    (r"\balign(?:s|ed|ing)?\b(?=[^.;]{0,80}\bwith\b)", 4),
    (r"\b(?:under|within|in)\s+the\s+(?:frameworks?|mechanisms?|platforms?|auspices)\s+of\b", 4),
    (r"\bsynergi[sz](?:e|es|ed|ing)\b|\b(?:establish|build|creat|seek)\w*\s+(?:\w+\s+)?synerg(?:y|ies)\b|\bpromot(?:e|es|ed|ing)\s+(?:the\s+)?synergy\b|\bdovetail(?:s|ed|ing)?\b|\balign(?:s|ed|ing)?\s+(?:its|their|our|the|itself|themselves)\b|\bintegrat(?:e|es|ed|ing|ion)\b|\bcooperat(?:e|es|ed|ing|ion)\s+(?:under|within|on)\b", 4),
    (r"愿同|愿与|愿意同|愿意与|愿|将积极|积极参[与加](?!国家|国|方|者)|参与(?!国家|国|方|者)|(?<!在)参加(?!国家|国|方|者)|加入|落实|推进|践行|推动|对接|共同建设|签署|框架下|框架内|携手|同意|一致同意|商定|期待同|期待与|期待在|期待着|期待(?=加强|深化|推进|推动|参与|加入|共建|对接|依托|借助|落实)|依托|融入", 4),
    (r"\blook(?:s|ing|ed)?\s+forward\s+to\s+(?:\w+\s+){0,3}?(?:co-?build|participat|cooperat|advanc|work|join|implement|deepen|align|strengthen|expand|enhanc|boost)\w*", 4),
    (r"\b(?:remain|remains|remained|stay|stays)\s+(?:a\s+)?part\s+of\b", 4),
    # "an important partner in the Belt and Road cooperation", "a key participant in the BRI"
    (r"\b(?:an?|the)\s+(?:important\s+|key\s+|major\s+|active\s+|reliable\s+|strategic\s+)?(?:partner|participant|builder|pioneer)s?\s+(?:in|of)\b", 4),
    # support
    (r"\b(?:firmly\s+|strongly\s+|fully\s+)?(?:support(?:s|ed|ing)?|endors(?:e|es|ed|ing|ement)|back(?:s|ed|ing)?|uphold(?:s|ing)?|upheld|subscrib(?:e|es|ed)\s+to|favou?r(?:s|ed)?)\b(?!\s+each\s+other)|\b(?:fully\s+)?affirm(?:s|ed)?\b|\b(?:fully\s+)?agree(?:s|d)?\s+with\b|\b(?:throw|threw|thrown|throws|put|puts)\s+(?:its|their|his|her|our)\s+(?:full\s+)?weight\s+behind\b|\bstand(?:s)?\s+(?:firmly\s+)?behind\b", 3),
    (r"\b(?:emphasi[sz]|stress|underlin|underscor)(?:e|es|ed|ing)\s+the\s+(?:great\s+)?(?:importance|significance|value)\s+of\b", 2),
    (r"\bsuccess(?:ful)?\s+implementation\s+of\b|\bsuccess(?:es)?\s+of\b", 2),
    (r"\b(?:demonstrat|show|prov|reflect|testif|illustrat)\w*\s+(?:\w+\s+){0,6}?(?:value|achievements?|vitality|success|strength|benefits?)\s+of\b", 2),
    (r"\bsolidarity\s+with\b", 3),
    (r"\b(?:very\s+|fully\s+|strongly\s+)?supportive\b|\b(?:its|a|an\s+early|a\s+firm|a\s+strong)\s+supporters?\b", 3),
    (r"(?<!相互)(?<!互相)(?<!提供)支持|赞同|拥护|认同|充分肯定|认可", 3),
    # welcome
    (r"\bwelcom(?:e|es|ed|ing)\b|\bappreciat(?:e|es|ed|ing|ion)\b|\b(?:highly\s+)?(?:values|valued|regards|regarded)\b|\bcommend(?:s|ed|ing)?\b|\bsp(?:eak|eaks|eaking|oke)\s+highly\s+of\b|\bcongratulat(?:e|es|ed|ing|ions)\b|\bprais(?:e|es|ed|ing)\b|\bhail(?:s|ed|ing)?\b|\bapplaud(?:s|ed|ing)?\b|\blaud(?:s|ed|ing)?\b|\bsalut(?:e|es|ed|ing)\b|\bpositive(?:ly)?\s+(?:evaluat|assess|view|apprais)\w*|\bhigh(?:ly)?\s+(?:evaluat|apprais|assess)\w*|\brespond(?:s|ed)?\s+positively\b|\battach(?:es|ed)?\s+(?:great|greater|high|much|special)?\s*importance\s+to\b|\badmir(?:e|es|ed)\b|\binspir(?:e|es|ed|ing|ation)\b|\bextol(?:s|led)?\b|\bshar(?:e|es|ed)\s+the\s+(?:vision|ideas?|concepts?|philosophy|values)\b|\brecogni[sz](?:e|es|ed)\s+the\s+(?:value|importance|significance|role)\b|\backnowledg(?:e|es|ed)\s+the\s+(?:importance|significance|value|role)\b|\bgratitude\s+for\b|\bthank(?:s|ed)?\b(?!\s+to\b)|\bhighlight(?:s|ed)?\s+the\s+(?:importance|significance)\b|\binterest(?:ed)?\s+in\b|\bagree[sd]?\s+that\b|\brecogni[sz](?:e|es|ed)\s+the\s+(?:positive|important)\b", 2),
    (r"\b(?:embrac|seiz|grasp)(?:e|es|ed|ing)\s+the\s+opportunit(?:y|ies)\s+(?:offered|provided|brought|created)\s+by\b", 2),
    (r"欢迎|赞赏|高度评价|积极评价|共鸣|赞扬|肯定|称赞|祝贺|赞誉|高度重视|重视|感谢|钦佩|欣赏|看好|推崇|佩服|赞许|响应|凸显|汲取", 2),
]
# Predicates whose subject is the initiative: "the GGI represents a timely contribution",
# "the BRI and X's strategy complement each other", "该倡议意义重大", "...was not in the
# interest of Nepal". Their object is the initiative named before them in the sentence.
PREDICATES: list[tuple[str, int]] = [
    (r"\bnot\s+in\s+(?:the|its|our)\s+interests?\b|\bunsatisfactory\b|\bdisappointing\b|\bfailed\s+to\s+deliver\b|"
     r"\bnot\s+(?:one\s+of\s+)?(?:our|its|their)\s+priorit(?:y|ies)\b|\bnot\s+had\s+the\s+desired\s+results?\b", -1),
    (r"\bcontribut(?:e|es|ed|ing)\s+(?:meaningfully|positively|significantly|greatly|substantially)\b", 2),
    (r"\b(?:timely|thoughtful|valuable|valued|important|significant|positive|great)\s+(?:and\s+\w+\s+)?contributions?\b|\balign(?:s)?\s+with\b|\b(?:great\s+)?merits?\b|\b(?:as\s+|very\s+|highly\s+)?successful\b|\bcomplement(?:s)?\s+each\s+other\b|"
     r"\b(?:which|that)\s+align(?:s)?\s+with\b|\boffers?\s+hope\b|\bresonat(?:e|es|ed)\b|(?<!matters\s)(?<!issues\s)(?<!topics\s)(?<!questions\s)\bof\s+(?:great\s+|strategic\s+|historic\s+|far-reaching\s+|important\s+)?significance\b|"
     r"\b(?:highly\s+|closely\s+|fully\s+|well\s+)?aligned\s+with\b|\bin\s+(?:perfect\s+|full\s+|close\s+|complete\s+)?alignment\s+with\b|"
     r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:crucial|vital|essential|important|indispensable|instrumental|beneficial)\s+(?:for|to|in)\b", 2),
    (r"\b(?:provid|offer|present|represent|constitut)(?:e|es|ed|ing|s)?\s+(?:a\s+|an\s+)?(?:very\s+|truly\s+|highly\s+)?(?:[\w-]+\s+)?"
     r"(?:framework|platform|model|roadmap|blueprint|solution|path|approach)\b", 2),
    (r"\bplay(?:s|ed|ing)?\s+an?\s+(?:crucial|critical|important|key|major|pivotal|positive|vital|significant|constructive)\s+(?:role|part)\b|\bconducive\s+to\b|"
     r"\b(?:an?\s+)?(?:essential|important|key|vital|crucial|valuable|effective)\s+(?:framework|platform|vehicle|tool|model)\b", 2),
    (r"付诸实施|付诸行动", 4),
    (r"至关重要|具有(?:重要|重大|深远|特殊|独特)?(?:的)?(?:意义|价值)|(?:宝贵|重要|积极|重大|杰出)(?:的)?贡献|意义重大|具有重要意义|意义非凡|意义深远|相辅相成|高度契合|契合|符合|行之有效|发挥了?(?:重要|积极|关键)作用", 2),
    (r"\b(?:which|that)\s+(?:\w+\s+){0,3}?(?:hailed|praised|lauded|commended|welcomed|described)\s+as\b|"
     r"\b(?:is|are|was|were)\s+(?:most\s+|very\s+|highly\s+)?(?:welcome|commendable|laudable|praiseworthy)\b", 2),
    # what an initiative does for the world: "will help developing countries", "provides a solution",
    # "为各国实现共同发展提供了方案", "有利于", "注入动力"
    (r"\b(?:will|can|could|would|has|have|had)\s+(?:\w+\s+)?(?:help(?:ed)?|contribut\w+|benefit\w*|inject\w*|provid\w+|offer\w*|"
     r"bring|brought|serv\w+)\b(?:\s+(?:\w+\s+)?support\b)?|\b(?:provid|offer|bring|inject)(?:s|es|ed)?\s+(?:a\s+|an\s+)?(?:new\s+|important\s+|strong\s+)?"
     r"(?:solution|opportunit|momentum|impetus|blueprint|path|approach|hope|wisdom|guidance|stability|energy)\w*", 2),
    (r"提供了?[^，,。；]{0,4}(?:方案|思路|机遇|动力|指引|智慧|路径|支持|支撑|选择|机会)|注入了?[^，,。；]{0,4}(?:正能量|动力|稳定性)|有利于|有助于|带来了?[^，,。；]{0,10}(?:机遇|机会|希望|福祉|动力|稳定)|恰逢其时|正当其时|(?:高度|完全)一致|(?:非常|十分|尤为|极为|极其)重要|一样成功|取得了?(?:巨大|重大|显著)?(?:的)?成功|(?:非常|十分|极为)成功|作出了?(?:重要|积极)?贡献", 2),
]
# Appraising adjectives before an initiative's name: "President Xi's visionary Belt and Road Initiative"
ADJECTIVES = re.compile(r"\b(?:visionary|important|significant|great|wise|brilliant|noble|timely|valuable|remarkable|landmark|"
                        r"far-sighted|farsighted|constructive|commendable)\b|重要|伟大|富有远见", re.I)
# Cues after the object: "in the GDI framework", "BRI cooperation", "全球发展倡议框架下"
POST_CUES = (r"^\s*(?:\)|）|”|\"|’|')?\s*(?:倡议)?(?:framework|mechanism|cooperation|projects?|partnership|的?框架下|的?框架内|的?框架|合作|项目|"
             r"下(?=[^，,。；;]{0,8}(?:取得|开展|合作|成果)))")
# What a party is to an initiative: "是共建“一带一路”的重要参与方", "的坚定支持者"
ROLE_NOUNS = [(re.compile(r"(?:倡议)?的(?:重要|积极|主要|坚定|首批|第一批)?(?:参与方|参与者|参与国|先行者|践行者|建设者|合作伙伴)"), 4),
              (re.compile(r"(?:倡议)?的(?:重要|积极|坚定)?支持者"), 3)]  # matched at the initiative's end
POST_VERB = re.compile(r"\b(?:deepen|advanc|promot|strengthen|expand|pursu|push|carry|continu|develop|enhanc|boost|"
                       r"under|within)\w*\b[^.;,]*$|加强|深化|推进|推动|拓展|开展|扩大|继续|在[^，,。]*$", re.I)
# China and a party in one compound: "中马", "中埃塞" (not 中国, 中亚, 中东, 中方); "埃中" (not 其中, 集中...)
_CHINA_AND_X = r"中[^国亚东方\W\d][^\W\d]?"
_X_AND_CHINA = r"(?<!其|之|集|空|心|当|从|手|暗|年|期|高|初)[^\W\d中]中"
CO_BUILDERS = re.compile(rf"(?:两国|双方|{_CHINA_AND_X}|{_X_AND_CHINA}|[^\W\d]方)(?:两国|双方)?"
                         r"(?:将|愿|要|继续|进一步|持续|高质量|积极|一道|携手|不断|深入|在)*[“\"「]?$")
COORD = re.compile(r"^(?:\s|,|、|and|or|also|as\s+well\s+as|will|would|shall|to|be|is|are|was|were|has|have|actively|firmly|fully|highly|strongly|further|jointly|continue|continues|its|their|并|和|及|与|也|将|积极|坚定|愿|同|中方|一道|共同|进一步)*$", re.I)
CONDUCIVE = re.compile(r"(?:有利于|有助于|有益于)[^，,。；]{0,8}$|\bhelps?\s+(?:to\s+)?(?:better\s+|further\s+)?$", re.I)
BOUNDARY = re.compile(r"[;；。!?！？]|\.\s|\.$|\[(?:\.\.\.|…)\]|\bwhile\b|\bwhereas\b|\bbut\b")
SENTENCE = re.compile(r"(?<=[.!?。！？])[\"”’)]?\s+(?=[\"“A-Z\u4e00-\u9fff])|(?<=[。！？；])|\s*\[(?:\.\.\.|…)\]\s*")  # "[...]": a cut

# ---------------------------------------------------------------- parties
CHINA = "CHN"
CHINA_EN = r"\b(?:China|Chinese|Beijing|the\s+PRC|People's\s+Republic\s+of\s+China|Xi(?:\s+Jinping)?|President\s+Xi|Wang\s+Yi|Li\s+Qiang|Li\s+Keqiang|Han\s+Zheng|Zhang\s+Jun|Fu\s+Cong|Ding\s+Xuexiang|Zhao\s+Leji|Wang\s+Huning|Qin\s+Gang)\b"
CHINA_ZH = r"中方|(?<!发展)中国(?!家)|我国|习近平|王毅|李强|李克强|韩正|张军|傅聪|丁薛祥|赵乐际|王沪宁|秦刚"
GROUPS_EN = (r"\b(?:both|the\s+two|two|all|the|these|relevant|the\s+(?:three|four|five|six|seven|eight|nine|ten))\s+(?:sides|parties|countries|nations|leaders|heads\s+of\s+state|governments|ministers|ministries|foreign\s+ministries|delegations)\b|\bmember\s+states\b|\bthe\s+sides\b|\bthe\s+participants\b|\bthe\s+signatories\b|\bthe\s+central\s+asian\s+(?:countries|states|side|leaders)\b|\bcentral\s+asian\s+countries\b|\b(?:african|arab|pacific\s+island|latin\s+american(?:\s+and\s+caribbean)?|asean)\s+(?:countries|states|side|leaders|nations|members|world|continent|region)\b|\bthe\s+african\s+side\b|\bthe\s+arab\s+side\b|\bwe\b"
             r"|\b(?:(?:more\s+than|over|nearly|about|some|around|almost)\s+)?\d+\s+(?:countries|nations|states)\b"
             r"|\b(?:more\s+and\s+more|many|other|most)\s+countries\b")
GROUPS_ZH = (r"双方|两国|两人|两国领导人|双方领导人|与会嘉宾|与会代表|与会各国|各方|与会各方|各国|成员国|中亚国家|中亚五国|非方|非洲国家|阿拉伯国家|阿方|太平洋岛国|岛国|拉方|拉美和加勒比国家|东盟国家|我们"
             r"|\d+多?个国家|近\d+个国家")
WE_BOTH = re.compile(r"\s*(?:共同|一致|双方|两国|都)|\s+(?:both|all|jointly|together|(?:have\s+)?agreed)\b", re.I)
ZH_PAIR = re.compile(rf"{_CHINA_AND_X}(?=两国|双方|共建|是|在)|{_X_AND_CHINA}(?=(?:两国|双方)?(?:共建|[“\"「]?一带一路))")
ORG_GROUP = re.compile(r"parties|sides|participants|member\s+states|各方|与会各方|成员国", re.I)
# Region-bound groups: who a group word can include
# (group words, the parties they can include, the organizations that speak for that group):
# "非方" / "the African side" includes the African countries and the AU
GROUP_SCOPE = [
    (re.compile(r"\d|more and more|many countries|other countries|most countries"), set(), ()),  # unnamed countries, not any given party
    (re.compile(r"central\s+asian|中亚"), {"KAZ", "KGZ", "TJK", "TKM", "UZB", "C+C5"}, ("C+C5",)),
    (re.compile(r"african|非方|非洲"), "Africa", ("AU",)),
    (re.compile(r"arab|阿拉伯|阿方"), {"LAS", "GCC", "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT",
                                    "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}, ("LAS", "GCC")),
    (re.compile(r"pacific\s+island|岛国"), "Oceania", ("PIF",)),
    (re.compile(r"latin\s+american|拉方|拉美"), "Americas", ("CELAC",)),
    (re.compile(r"asean|东盟"), {"ASEAN", "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}, ("ASEAN",)),
]
# A mention after a preposition, or after a verb of wishing or inviting, is never the actor
WISH_BEFORE = re.compile(r"\bsupport(?:s|ed)?\s+(?:the\s+)?$|支持$", re.I)
NON_SUBJECT_BEFORE = re.compile(
    r"(?:\bone[- ]|\b(?:with|by|to|for|of|from|between|among|towards?|on|at|in|into|during|across|within|than|like|and\s+with|told|briefed|informed|notified|"
    r"visit(?:ed|ing)?|hopes?|hoped|hoping|wish(?:es|ed)?|invit(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|encourag(?:e|es|ed|ing)|"
    r"call(?:s|ed)?\s+on|ask(?:s|ed)?|welcom(?:e|es|ed|ing))\s+(?:that\s+)?(?:the\s+)?(?:\w+\s+){0,1}"
    r"|同|与|跟|向|对|给|和|为|邀请|会见|会晤|同中国|访问|希望|欢迎|鼓励|一个)$",
    re.I)
# A mention after a verb of appraisal is the actor only of the cue right after it:
# "China commends Pakistan for taking the lead in actively supporting the GSI"
OBJECT_BEFORE = re.compile(
    r"\bcount(?:s|ed)?\s+on\s+$|\b(?:commend(?:s|ed)?|appreciat(?:e|es|ed)|thank(?:s|ed)?|prais(?:e|es|ed)|congratulat(?:e|es|ed)|valu(?:e|es|ed)|salut(?:e|es|ed)|laud(?:s|ed)?|hail(?:s|ed)?|"
    r"support(?:s|ed)?)\s+(?:the\s+)?$|(?:赞赏|感谢|赞扬|祝贺|支持|肯定|高度评价|称赞)$", re.I)
# A Chinese subject opens its clause: "提升两国...合作", "以两国建交75周年为契机" are not subjects.
# It follows punctuation, a speech verb ("表示泰方..."), a connective or time word, or a
# modifier of the group itself ("有关各方", "包括联合国在内的")
ZH_CLAUSE_OPEN = re.compile(
    r"(?:^|[\s，,、。；;：:！？!?“”「」『』\"'(（)）\[\]—…-]|表示|指出|强调|说|认为|称|提到|介绍|宣布|重申|坦言|"
    r"此外|另外|同时|并且|而且|目前|当前|今后|未来|将来|今年|近年来|会上|会后|期间|随后|其中|首先|最后|"
    r"有关|相关|与会|所有|包括|[并也还则即])$")
PLAN_AFTER = re.compile(r"^(?:\d+年?)?(?:国家)?(?:发展)?(?:愿景|规划|战略|计划|议程|构想|走廊|政策)|^(?:'s)?\s+(?:Vision|Agenda|Strategy|Plan)\b")
NON_SUBJECT_AFTER = re.compile(
    r"^(?:-proposed|-initiated|-led|\s+proposed|\s+put\s+forward|(?:主席|总书记|国家主席|总理|阁下)*(?:提出|倡导|倡议|发起)|方面提出|内政|的|之|式|"
    r"(?:'s)?\s*(?:framework|principle|policy|原则|政策))", re.I)
VENUE_AFTER = re.compile(
    r"^(?:'s)?\s*(?:\)\s*)?(?:Charter|headquarters|Headquarters|General\s+Assembly|Secretary|Security\s+Council|summit|Summit|"
    r"Plus|meeting|Meeting|Forum|forum|Conference|conference|Sustainable|2030|宪章|总部|大会|秘书长|安理会|峰会|会议|论坛|可持续)", re.I)
QUOTED = re.compile(r"“[^”]{1,80}”|「[^」]{1,80}」|《[^》]{1,80}》|\"[^\"]{1,80}\"")
POSSESSED_INITIATIVE = re.compile(
    r"^(?:'s)?\s*(?:(?:visionary|proposed|important|major|flagship|new)\s+)*(?:global\s+[\w ,]{0,60}?initiatives?\b|belt\s+and|one\s+belt|"
    r"gdi|gsi|gci|ggi|bri|initiatives?\b|\w+\s+initiatives?\b|three\s+global|four\s+global)", re.I)
TITLES = re.compile(r"^(?:\s|president|premier|vice|foreign|minister|state|councilor|councillor|chairman|leader|ambassador|of|the|'s|,|国家主席|主席|总理|外长|国务委员|部长)*$", re.I)
SPEECH_START = re.compile(r"^\s*(?:he|she|they|it|the\s+(?:president|minister|premier|leader|king|prime\s+minister)|[A-Z][a-z]+\s+(?:said|noted|stressed|added|expressed|stated|emphasized|pointed))\b|^\s*[\u4e00-\u9fff]{2,6}(?:表示|指出|强调|说)", re.I)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: object  # frozenset of initiative codes, party codes, or a level


@dataclass
class Parsed:
    text: str
    sentences: list[tuple[int, int]]
    initiatives: list[Span]
    mentions: list[Span]  # value: (codes frozenset, role, group text or None)
    cues: list[Span]
    memo: dict = field(default_factory=dict, repr=False)  # party-independent results, computed once


def _trie_regex(words) -> str:
    """A regex matching exactly the given words, longest first, built as a prefix trie."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + build(trie) + ")"


COMMON_WORD_FORMS = frozenset({"西方", "南方", "北方", "东方", "多方"})


class PartyNames:
    """The name forms of every party, compiled into one pattern per script."""

    def __init__(self, parties: pd.DataFrame):
        self.region = dict(zip(parties["party"], parties["region"]))
        self.kind = dict(zip(parties["party"], parties["kind"]))
        forms: dict[str, set[str]] = {}
        zh: dict[str, set[str]] = {}
        short: set[str] = set()  # the 某方 forms: several parties may share one
        for row in parties.itertuples(index=False):
            for col in ("name", "aliases", "adjective"):
                value = getattr(row, col)
                if isinstance(value, str) and value:
                    for form in value.split(";"):
                        form = form.strip()
                        if len(form) >= 2:
                            forms.setdefault(form, set()).add(row.party)
            if row.kind == "organization" and row.party not in ("C+C5", "GFGDI"):
                forms.setdefault(row.party, set()).add(row.party)
            for col in ("name_zh", "short_zh"):
                value = getattr(row, col)
                if isinstance(value, str) and value:
                    for form in value.split(";"):
                        form = form.strip()
                        if len(form) >= 2:
                            zh.setdefault(form, set()).add(row.party)
                            if col == "short_zh" and form.endswith("方"):
                                short.add(form)
        self.short_forms = frozenset(short)
        self.common_words = self.short_forms & COMMON_WORD_FORMS
        self.forms = {k: frozenset(v) for k, v in forms.items()}
        self.forms_zh = {k: frozenset(v) for k, v in zh.items()}
        # one trie-shaped alternation per script: alternatives share prefixes, so the regex
        # engine does not retry a thousand names at every position
        self.pattern = re.compile(rf"(?<![\w])(?<!\bnon-)(?<!South )(?<!Latin )(?<!North )(?<!Central ){_trie_regex(self.forms)}(?:'s|’s|')?(?![\w])|{_trie_regex(self.forms_zh)}")
        self.lookup = {**self.forms, **self.forms_zh}

    def codes(self, matched: str) -> frozenset:
        key = re.sub(r"(?:'s|’s|')$", "", matched)
        return self.lookup.get(key) or self.lookup.get(matched, frozenset())

    def in_scope(self, party: str, group_text: str) -> bool:
        text = group_text.lower()
        if any(party in orgs and pat.search(text) for pat, _, orgs in GROUP_SCOPE):
            return True  # a regional organization is in its region's group
        if self.kind.get(party) == "organization" and not ORG_GROUP.search(group_text):
            return False
        for pat, scope, _ in GROUP_SCOPE:
            if pat.search(text):
                return party in scope if isinstance(scope, set) else self.region.get(party) == scope
        return True


_INIT_RE = [(re.compile(p, re.I), codes) for p, codes in INITIATIVE_PATTERNS]
_ANAPH_RE = re.compile(ANAPHORA, re.I)
_CUE_RE = [(re.compile(p, re.I), lvl) for p, lvl in CUES]
_PRED_RE = [(re.compile(p, re.I), lvl) for p, lvl in PREDICATES]
_CHINA_RE = re.compile(f"{CHINA_EN}|{CHINA_ZH}")
_GROUP_RE = re.compile(f"{GROUPS_EN}|{GROUPS_ZH}", re.I)
_POST_RE = re.compile(POST_CUES, re.I)


def normalize(text: str) -> str:
    """Simplified Chinese, straight quotes, single spaces."""
    if not isinstance(text, str):
        return ""
    if CJK.search(text):
        text = PINYIN_GLOSS.sub("", text)  # mirrors that gloss characters: 發(fā)展 -> 發展
        if _T2S is not None and (_T2S_TRIGGERS is None or not _T2S_TRIGGERS.isdisjoint(text)):
            text = _T2S(text)
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    text = re.sub(r"\b(?:won't)\b", "will not", text, flags=re.I)
    text = re.sub(r"\b(can)'t\b", r"\1 not", text, flags=re.I)
    text = re.sub(r"(\w)n't\b", r"\1 not", text)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _initiative_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for rx, codes in _INIT_RE:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            found = codes
            if found is None:
                heads = re.findall(r"development|security|civili[sz]ation|governance|cultur|stability|发展|安全|文明|治理", m.group(0), re.I)
                found = tuple(dict.fromkeys(_HEAD[h.lower()] for h in heads))
            spans.append(Span(m.start(), m.end(), frozenset(found)))
            taken.append((m.start(), m.end()))
    ggi_named = any("GGI" in s.value for s in spans)
    spans = [Span(s.start, s.end, (s.value - {"GGI?"}) | ({"GGI"} if ggi_named else set())) if "GGI?" in s.value else s
             for s in spans]
    spans.sort(key=lambda s: s.start)
    # "the other initiatives": the global initiatives not yet named
    for m in OTHERS.finditer(text):
        named = frozenset().union(*(s.value for s in spans if s.end <= m.start()))
        spans.append(Span(m.start(), m.end(), frozenset({"GDI", "GSI", "GCI", "GGI"}) - named))
        taken.append((m.start(), m.end()))
    spans.sort(key=lambda s: s.start)
    # anaphora: "the initiative" refers back to the last initiatives named before it
    for m in _ANAPH_RE.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        before = [s for s in spans if s.end <= m.start()]
        if before:
            last = max(before, key=lambda s: s.start)  # by position: earlier anaphora are appended last
            if re.search(r"initiative\b|该倡议|这一倡议|此倡议", m.group(0), re.I) and not re.match(r"both", m.group(0), re.I):
                group = last.value  # "the initiative": the one named last
            elif re.search(r"等[^，,。；]{0,6}$", text[max(0, m.start() - 8):m.start()]):
                # "A、B等系列重要倡议": the list right before "等", in the same clause
                clause = max(text.rfind(ch, 0, m.start()) for ch in "，,。；;")
                group = frozenset().union(*(s.value for s in before if s.start > clause))
            else:  # "these initiatives", "上述倡议": the whole list named last
                group = frozenset().union(*(s.value for s in before if last.start - s.start <= 300))
            spans.append(Span(m.start(), m.end(), group))
    spans.sort(key=lambda s: s.start)
    return spans


# Chinese short forms that are also ordinary words: 西方 (Spain; the West), 南方 (South
# Africa; the South), 北方, 东方, 多方 (Dominica; many parties). In these contexts they are words.
COMMON_WORD_BEFORE = re.compile(r"(?:全球|广大|南北|东西|南|北|东|西)$")
COMMON_WORD_AFTER = re.compile(r"国家|世界|阵营|集团|媒体|社会|价值|民主|大国|政客|势力|式|文明|发达|列强|中心|霸权|首脑|面|位|人|"
                               r"的|化|思想|理论|经济|舆论|盟友|各国|政府|合作|参与|共赢|共同|团结|机制|会谈|协调|磋商|联动|发力")


def _short_form_codes(text: str, m: re.Match, codes: frozenset, named: frozenset, names: PartyNames) -> frozenset:
    """The parties a Chinese short form stands for in this text.

    Many parties share a short form (乌方: Uganda, Ukraine, Uruguay, Uzbekistan). Where the text
    names some of them in another way, the form stands for those; where it names none, for
    all of them, except that a form which is also an ordinary word (西方, 南方) then stands for
    nobody, as it does when its context makes it the word ("西方国家", "全球南方")."""
    form = m.group(0)
    if form not in names.common_words:
        return ((codes & named) or codes) if len(codes) > 1 else codes
    if COMMON_WORD_BEFORE.search(text, max(0, m.start() - 2), m.start()) or COMMON_WORD_AFTER.match(text, m.end()):
        return frozenset()
    return codes & named


def _mention_spans(text: str, names: PartyNames) -> list[Span]:
    raw: list[tuple[int, int, frozenset, str | None]] = []
    found = [(m, names.codes(m.group(0))) for m in names.pattern.finditer(text)]
    named = frozenset().union(*(codes for m, codes in found if m.group(0) not in names.short_forms))
    for m, codes in found:
        # a name that is also a group word keeps both readings: "阿方" (eight countries; the Arab
        # side), "Central Asian countries" (the China-Central Asia mechanism; its members)
        group = m.group(0) if _GROUP_RE.fullmatch(m.group(0)) else None
        if m.group(0) in names.short_forms:
            codes = _short_form_codes(text, m, codes, named, names)
        if codes:
            raw.append((m.start(), m.end(), codes, group))
    for m in _CHINA_RE.finditer(text):
        raw.append((m.start(), m.end(), frozenset({CHINA}), None))
    we_all = False
    for m in _GROUP_RE.finditer(text):
        group = m.group(0)
        if group.lower() in ("we", "我们") and (we_all or WE_BOTH.match(text, m.end())):
            # "we all", "我们都致力于...": every party present; a later "we" in the text is the same
            group, we_all = "各方" if CJK.match(group) else "all parties", True
        raw.append((m.start(), m.end(), frozenset(), group))
    for m in ZH_PAIR.finditer(text):  # "中马共建": China and the party
        raw.append((m.start(), m.end(), frozenset(), "两国"))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    kept: list[tuple[int, int, frozenset, str | None]] = []
    for r in raw:  # drop overlaps, longest first at each start
        if kept and r[0] < kept[-1][1]:
            continue
        kept.append(r)
    # merge "Chinese President Xi Jinping" and lists "Kazakhstan, Kyrgyzstan and Russia"
    merged: list[list] = []
    for s, e, codes, grp in kept:
        if merged:
            ps, pe, pcodes, pgrp = merged[-1]
            gap = text[pe:s]
            same_china = pcodes == codes == frozenset({CHINA}) and TITLES.match(gap)
            china_pair = (CHINA in pcodes) != (CHINA in codes) and re.fullmatch(r"\s*(?:and|和|与)\s*(?:the\s+)?|[-–]", gap)
            is_list = (pgrp is None and grp is None and (china_pair or (CHINA not in pcodes and CHINA not in codes
                       and re.fullmatch(r"\s*(?:,|、|，|and|和|与|及)?\s*(?:and\s+)?(?:the\s+)?", gap))))
            if same_china or is_list:
                merged[-1] = [ps, e, pcodes | codes, None]
                continue
        merged.append([s, e, codes, grp])
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    spans = []
    for s, e, codes, grp in merged:
        if any(qs < s and e < qe for qs, qe in quoted) and (grp is not None or CHINA in codes):
            spans.append(Span(s, e, (codes, "none", grp)))  # part of a name: "China + Five Central Asian Countries"
            continue
        if VENUE_AFTER.match(text[e:e + 30]):
            spans.append(Span(s, e, (codes, "venue", grp)))  # "the UN Charter", "the SCO Plus meeting"
            continue
        before = text[max(0, s - 40):s]
        after = text[e:e + 20]
        if before.endswith("("):  # "Association of Southeast Asian Nations (ASEAN)": a gloss, not a new subject
            spans.append(Span(s, e, (codes, "none", grp)))
            continue
        possessive = bool(re.search(r"(?:'s|')$", text[s:e])) or text[e:e + 2] == "'s"
        if POSSESSED_INITIATIVE.match(text[e:e + 100]):
            spans.append(Span(s, e, (codes, "none", grp)))
            continue
        if NON_SUBJECT_AFTER.match(after) or PLAN_AFTER.match(after):
            role = "none"
        elif possessive or OBJECT_BEFORE.search(before):
            # actor only of a cue right after it; after "support" it is what the speaker wishes X to do
            role = "wish" if WISH_BEFORE.search(before) else "object"
        elif NON_SUBJECT_BEFORE.search(before) or (CJK.match(text[s]) and not ZH_CLAUSE_OPEN.search(before)):
            role = "none"
        else:
            role = "subject"
        spans.append(Span(s, e, (codes, role, grp)))
    return spans


def _cue_spans(text: str, inits: list[Span]) -> list[Span]:
    """Cue spans; value = (level, kind). kind: 'verb' (object after), 'pred' (object before),
    'post' (right after the initiative it takes: "BRI cooperation", "倡议框架下")."""
    found: list[Span] = []
    for rx, lvl in _CUE_RE:
        for m in rx.finditer(text):
            found.append(Span(m.start(), m.end(), (lvl, "verb")))
    for rx, lvl in _PRED_RE:
        for m in rx.finditer(text):
            found.append(Span(m.start(), m.end(), (lvl, "pred")))
    # at one start: a rejection first, then the longest phrase ("valued contribution" over "valued")
    found.sort(key=lambda s: (s.start, s.value[0] != -1, -(s.end - s.start)))
    kept: list[Span] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            if kept[-1].value[0] == -1 or c.value[0] != -1 or c.start > kept[-1].start:
                continue
            kept.pop()  # a negated form overrides the positive cue it contains
        kept.append(c)
    # a cue word inside an initiative's name (共建"一带一路") is part of the name
    kept = [c for c in kept if not any(i.start <= c.start < i.end for i in inits)]
    # 认同 "the positive role of" an initiative appraises it (2); 认同 the initiative endorses it (3)
    kept = [Span(c.start, c.end, (2, c.value[1])) if text[c.start:c.end] == "认同" and
            "作用" in re.split(r"[，,。；;]", text[c.end:c.end + 50], maxsplit=1)[0] else c for c in kept]
    # "有利于更好推进落实...倡议", "will help (better) implement": an appraisal, not a pledge
    kept = [Span(c.start, c.end, (2, c.value[1])) if c.value[0] == 4 and c.value[1] == "verb" and
            CONDUCIVE.search(text[max(0, c.start - 14):c.start]) else c for c in kept]
    out: list[Span] = []
    for c in kept:
        if out and out[-1].value[0] == -1 and c.value[0] > 0 and c.value[1] == "verb":
            gap = text[out[-1].end:c.start]
            if len(gap) <= 25 and not BOUNDARY.search(gap) and not re.search(r"[，,、]", gap):
                out[-1] = Span(out[-1].start, c.end, out[-1].value)  # the positive cue is what is refused
                continue
        if out and c.value[0] == 4 and c.value[1] == "verb":
            prev = out[-1]
            gap = text[prev.end:c.start]
            # "will consider joining", "考虑加入": considering a step is not taking it;
            # "supports implementing the GDI": the support's object, not a pledge
            tentative = prev.value[0] == 1 or re.match(r"interest", text[prev.start:prev.end], re.I)
            if (tentative and len(gap) <= 15 and not BOUNDARY.search(gap)) or \
                    (prev.value[0] in (2, 3) and re.fullmatch(r"\s*(?:the\s+)?", gap)
                     and re.match(r"implement|落实", text[c.start:c.end], re.I)):
                continue
        out.append(c)
    for m in ADJECTIVES.finditer(text):  # "visionary Belt and Road Initiative", "重要倡议"
        nxt = next((i for i in inits if m.end() <= i.start <= m.end() + 30), None)
        if nxt is not None and not re.search(r"[，,。；;:：]", text[m.end():nxt.start]) \
                and not any(c.start <= m.start() < c.end for c in out):
            out.append(Span(m.start(), m.end(), (2, "adj")))
    for i in inits:  # "两国共建“一带一路”", "中马共建...": the named parties co-build the initiative
        builders = CO_BUILDERS.search(text, max(0, i.start - 20), i.start)
        if builders and re.match(r"共建|共同建设", text[i.start:i.end]):
            out.append(Span(i.start, i.start, (4, "verb")))
        elif builders and (m := _POST_RE.match(text[i.end:i.end + 24])):  # "埃中“一带一路”框架下合作卓有成效"
            out.append(Span(i.end, i.end + m.end(), (4, "post")))
    for i in inits:  # "埃塞俄比亚是共建“一带一路”的重要参与方"
        for rx, level in ROLE_NOUNS:
            m = rx.match(text, i.end)
            if m:
                out.append(Span(i.end, m.end(), (level, "post")))
    for i in inits:  # post cues, after a verb of action: "advancing high-quality BRI cooperation"
        m = _POST_RE.match(text[i.end:i.end + 24])
        if m and POST_VERB.search(text[max(0, i.start - 40):i.start]) and not any(c.start == i.end and c.value[1] == "post" for c in out):
            out.append(Span(i.end, i.end + m.end(), (4, "post")))
    out.sort(key=lambda c: c.start)
    # a step named as the topic of talks is discussed, not taken: "双方就推进落实全球发展倡议交换意见",
    # "discussed ways to implement the GDI" (co-building named as a fact stays: "就两国共建“一带一路”交换意见")
    # and aid received under an initiative is China's step: "assistance extended to Sri Lanka ... under the
    # GDI", "期待在全球发展倡议框架下继续得到中方支持"
    return [Span(c.start, c.end, (1, c.value[1])) if c.value[0] > 1 and c.end > c.start and
            (_talk_topic(text, c) or (c.value[0] == 4 and _aid_received(text, c))) else c for c in out]


TOPIC_BEFORE_ZH = re.compile(r"就[^，,。；;：:]{0,30}$")
TOPIC_AFTER_ZH = re.compile(r"^[^，,。；;]{0,60}?(?:交换了?意见|进行了?(?:深入)?(?:讨论|探讨|沟通)|深入交流|展开讨论)")
TOPIC_BEFORE_EN = re.compile(r"\b(?:discuss(?:ed|es|ing)?|exchang(?:e|ed|es|ing)\s+(?:of\s+)?views\s+on|talks\s+on)\s+"
                             r"(?:(?:ways|how|means|measures|steps)\s+(?:to|of)\s+)?(?:[\w-]+\s+){0,3}$", re.I)


AID_TO = re.compile(r"\b(?:assistance|aid|support|grants?|help|funding|scholarships?)\b[^.;]{0,40}?\b(?:extended|provided|"
                    r"given|granted|offered)\s+to\b[^.;]*$", re.I)
AID_AFTER_ZH = re.compile(r"^[^，,。；;]{0,6}?(?:得到|获得|接受)")


def _aid_received(text: str, c: Span) -> bool:
    if re.match(r"under|within|in\b", text[c.start:c.end], re.I):
        return bool(AID_TO.search(text[max(0, c.start - 90):c.start]))
    return "框架" in text[c.start:c.end] and bool(AID_AFTER_ZH.match(text[c.end:c.end + 12]))


def _talk_topic(text: str, c: Span) -> bool:
    before = text[max(0, c.start - 40):c.start]
    if TOPIC_BEFORE_EN.search(before):
        return True
    return bool(TOPIC_BEFORE_ZH.search(before) and TOPIC_AFTER_ZH.match(text[c.end:c.end + 80]))


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE.finditer(text):
        if m.end() > start:
            out.append((start, m.start() if m.start() > start else m.end()))
            start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def parse(text: str, names: PartyNames) -> Parsed:
    text = normalize(text)
    inits = _initiative_spans(text)
    return Parsed(text, _sentences(text), inits, _mention_spans(text, names), _cue_spans(text, inits))


BARE = re.compile(r"[\s,，、。；;.:：\-]*(?:(?:it|them|this|these|thereto|to\s+it|其中|之)[\s,，、。；;.]*)?(?:(?:and|or|but|并|和|但)\s*)?", re.I)


def _coordinated(p: Parsed, a: Span, b: Span) -> bool:
    gap = p.text[a.end:b.start]
    if "," in gap and CJK.match(p.text[a.end - 1:a.end] or "x"):
        return False  # Chinese text with ASCII commas: a comma ends the clause
    return COORD.match(gap) is not None


def _chain(p: Parsed, idx: int, sent_end: int) -> tuple[int, int]:
    """(head, tail) of the run of coordinated cues that cue ``idx`` belongs to."""
    cues = p.cues
    head = idx
    while head > 0 and cues[head - 1].value[1] == "verb" and _coordinated(p, cues[head - 1], cues[head]) \
            and cues[head - 1].start >= _sentence_bounds(p, cues[idx].start)[0]:
        head -= 1
    tail = idx
    while tail + 1 < len(cues) and cues[tail + 1].start < sent_end and cues[tail + 1].value[1] == "verb" \
            and _coordinated(p, cues[tail], cues[tail + 1]):
        tail += 1
    return head, tail


def _inits_between(p: Parsed, start: int, end: int) -> frozenset:
    found: frozenset = frozenset()
    for s in p.initiatives:
        if start <= s.start < end:
            found |= s.value
    return found


def _object(p: Parsed, idx: int, sent: tuple[int, int]) -> frozenset:
    """The initiatives a cue takes as its object."""
    cue = p.cues[idx]
    level, kind = cue.value
    if kind == "post":
        return next((i.value for i in p.initiatives if i.end == cue.start), frozenset())
    if kind == "adj":
        return next((i.value for i in p.initiatives if cue.end <= i.start <= cue.end + 30), frozenset())
    if kind == "pred":
        return _inits_between(p, max(sent[0], cue.start - 250), cue.start)
    head, tail = _chain(p, idx, sent[1])
    dui = ZH_DUI.search(p.text, sent[0], p.cues[head].start)
    if dui:  # "对上述倡议表示支持并将积极参与", "对此表示欢迎": the object stands before the verbs
        found = _inits_between(p, dui.start(1), dui.end(1))
        if found:
            return found
    if re.match(r"\s+by\b", p.text[p.cues[tail].end:p.cues[tail].end + 5]):  # passive: "the GDI is welcomed and supported by X"
        return _inits_between(p, max(sent[0], cue.start - 250), cue.start)
    start = p.cues[tail].end
    limit = min(sent[1], start + 400)
    nxt = limit
    for c in p.cues[tail + 1:]:
        if c.start < start or c.value[1] in ("post", "adj"):
            continue
        own_subject = [m for m in p.mentions if start <= m.start and m.end <= c.start
                       and (m.value[1] == "subject" or m.value[0] == frozenset({CHINA}))]
        if own_subject and own_subject[-1].value[0] == frozenset({CHINA}) and re.search(r"提出的|proposed|put forward", p.text[c.end:limit]):
            continue  # "...中国在推动全球和平方面提出的重要倡议": a relative clause inside the object
        nxt = c.start
        break
    b = BOUNDARY.search(p.text, start, limit)
    end = min(limit, nxt, b.start() if b else limit)
    found = _inits_between(p, start, end)
    if found:
        return found
    cut_off = end >= len(p.text) and not re.search(r"[。.!?！？”\"]\s*$", p.text)  # a copy that stops mid-sentence
    rest = p.text[start:end]
    clause = re.split(r"[，,]", rest, maxsplit=1)[0]
    bare = BARE.fullmatch(clause) is not None and (not cut_off or re.search(r"[，,]", rest) is not None)
    bare = bare or re.match(r"its\s", p.text[cue.start:cue.end], re.I) is not None  # "Hungary had been its supporter"
    if not bare and PASSIVE_ZH.search(p.text[sent[0]:cue.start]):  # "倡议...得到朝鲜方面的积极支持和响应"
        return _inits_between(p, sent[0], cue.start)
    if bare:
        # "科方坚定支持并积极参与。", "Regarding the other initiatives, Nepal has not supported it":
        # the object is the initiative named earlier in the sentence (or the sentence before)
        found = _inits_between(p, sent[0], p.cues[idx].start)
        if not found and bare:
            prev = [s for s in p.sentences if s[1] <= sent[0]]
            if prev:
                found = _inits_between(p, prev[-1][0], prev[-1][1])
    return found


def _sentence_bounds(p: Parsed, pos: int) -> tuple[int, int]:
    for s, e in p.sentences:
        if s <= pos < e:
            return s, e
    return p.sentences[-1]


CONSENSUS = re.compile(r"\bconsensus\s+(?:reached|agreed)\s+(?:by|between)\s+(?:the\s+)?(?:two\s+sides|both\s+sides|two\s+countries)\b"
                       r"|(?:双方|两国)[^。；]{0,6}达成(?:了)?(?:以下|如下)?[^。；]{0,6}共识[:：]", re.I)
ENUMERATED = re.compile(r"^\s*(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|sixth|seventh|eighth|ninth|tenth|"
                        r"finally|lastly)\b|^\s*(?:[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[）)、])", re.I)


def _speakers(p: Parsed) -> dict[tuple[int, int], tuple]:
    """Speaker of each sentence: its first subject mention, or the previous speaker."""
    out: dict[tuple[int, int], tuple] = {}
    prev: tuple | None = None
    consensus = None
    for s, e in p.sentences:
        first_cue = next((c.start for c in p.cues if s <= c.start < e), e)
        first = next((m for m in p.mentions if s <= m.start < first_cue and m.value[1] == "subject"), None)
        if first is None and first_cue - s <= 5 and not SPEECH_START.match(p.text[s:e]):
            first = next((m for m in p.mentions if s <= m.start < e and m.value[1] == "subject"), None)
            first = first if first is not None and first.start - s < 120 else None
            if first is not None:
                prev = first.value
                out[(s, e)] = prev
                continue
        if first is not None and first.start - s < 80:
            prev = first.value
        elif not SPEECH_START.match(p.text[s:e]) and not (consensus and ENUMERATED.match(p.text[s:e])):
            prev = None
        out[(s, e)] = prev
        if CONSENSUS.search(p.text[s:e]):  # "the consensus reached by the two sides. First, ... Second, ..."
            consensus = prev = (frozenset(), "subject", "both sides")
    return out


def _includes(actor: tuple | None, party: str, names: PartyNames, others: bool) -> str:
    """'party', 'china', 'group', 'unknown' or 'other': who the actor is relative to party."""
    if actor is None:
        return "other" if others else "unknown"
    codes, _, grp = actor
    if party in codes and CHINA not in codes:
        return "party"
    if grp is not None:
        if grp.strip().lower() in ("we", "我们"):
            return "unknown"
        return "group" if names.in_scope(party, grp) else "other"
    if party in codes:  # with China: "China and Kazakhstan are willing to ..."
        return "group"
    if codes == frozenset({CHINA}):
        return "china"
    return "other"


# "both sides", "all parties": in China's own words these are China's proposals, while a
# named group ("ASEAN countries", "the Central Asian countries") is China reporting them
GENERIC_GROUP = re.compile(r"^(?:both|the\s+two|two|all|the|these|relevant|the\s+(?:three|four|five|six|seven|eight|nine|ten))\s+(?:sides|parties|countries|nations|leaders)|^(?:the\s+sides|we|双方|两国|两人|各方|各国|我们)$", re.I)
MODAL = re.compile(r"\b(?:should|need\s+to|needs\s+to|must|ought\s+to|can|could|it\s+is\s+(?:important|necessary))\b|应|(?<![重主只摘纲紧首次])要|应该|需要|必须|可以|(?<=[方国])可(?!持续|靠|信|观|喜|能|贵)", re.I)
NEAR_GAP = re.compile(r"^[\s\w,'-]{0,45}$")
PASSIVE_ZH = re.compile(r"得到|获得|受到|赢得")
ZH_DUI = re.compile(r"对([^，,。；;]{1,40}?)(?:表示|表达|予以|给予)了?(?:高度|积极|坚定|充分|热烈|衷心|大力)?$")


def _actor(p: Parsed, idx: int, sent: tuple[int, int], speakers: dict) -> tuple | None:
    """Who takes the stance a cue expresses."""
    cue = last = p.cues[idx]
    if cue.value[1] == "verb":
        head, tail = _chain(p, idx, sent[1])
        cue, last = p.cues[head], p.cues[tail]
    anchor = cue.start
    if cue.value[1] in ("pred", "post", "adj"):  # the actor stands before the initiative
        before = [i for i in p.initiatives if i.end <= cue.start and i.start >= sent[0]]
        if before:
            anchor = before[0].start if cue.value[1] == "pred" else before[-1].start
    after = re.match(r"\s+(?:of|by)\s+(?:the\s+)?", p.text[last.end:last.end + 12])
    if after:  # "the support of Iran", "welcomed and supported by ASEAN countries"
        nxt = next((m for m in p.mentions if m.start == last.end + after.end()), None)
        if nxt is not None and (nxt.value[0] or nxt.value[2] is not None):
            return nxt.value
    passive = PASSIVE_ZH.search(p.text, sent[0], cue.start)
    if passive:  # "全球文明倡议...得到...认同和支持", "得到东盟国家积极支持"
        agents = [m for m in p.mentions if passive.end() <= m.start and m.end <= cue.start
                  and (m.value[2] is not None or (m.value[0] and m.value[0] != frozenset({CHINA})))]
        named = frozenset().union(*(m.value[0] for m in agents)) - {CHINA}
        if named:  # "得到100多个国家及包括联合国在内的多个国际组织支持": the parties named
            return (named, "subject", None)
        if agents:
            return agents[0].value
        parties = frozenset().union(*(m.value[0] for m in p.mentions if sent[0] <= m.start < sent[1]
                                      and m.value[0] and m.value[0] != frozenset({CHINA})))
        if parties:
            return (parties - {CHINA}, "subject", None)
    for m in reversed([m for m in p.mentions if sent[0] <= m.start and m.end <= anchor]):
        role = m.value[1]
        if role == "subject":
            return m.value
        if role in ("object", "wish"):
            gap = p.text[m.end:anchor]
            no_cue = not any(m.end <= c.start < anchor for c in p.cues)
            coordinated_vp = len(gap) <= 60 and not BOUNDARY.search(gap) and re.search(r"并|，|\band\s+(?!will|is|are)", gap) \
                and any(m.end <= c.start < anchor for c in p.cues) \
                and not any(m.end <= o.start < anchor and o.value[1] == "subject" for o in p.mentions)
            if (NEAR_GAP.match(gap) and not re.search(r",\s*and\b|\band\s+(?:will|is|are)\b", gap) and no_cue) or \
                    coordinated_vp:
                return m.value
    return speakers.get(sent)


def _cue_readings(p: Parsed, initiative: str):
    """(cue, sentence, actor, speaker) for every cue whose object includes ``initiative``.

    Objects, actors and speakers are the same for every party, so each is computed once per
    parsed text, and an actor only for cues that some initiative needs."""
    memo = p.memo
    if "objects" not in memo:
        memo["speakers"] = _speakers(p)
        memo["sents"] = [_sentence_bounds(p, c.start) for c in p.cues]
        memo["objects"] = [_object(p, i, sent) for i, sent in enumerate(memo["sents"])]
        memo["actors"] = {}
    for i, cue in enumerate(p.cues):
        if initiative not in memo["objects"][i]:
            continue
        sent = memo["sents"][i]
        if i not in memo["actors"]:
            memo["actors"][i] = _actor(p, i, sent, memo["speakers"])
        yield cue, sent, memo["actors"][i], memo["speakers"].get(sent)


def level_of(p: Parsed, party: str, initiative: str, names: PartyNames, attribution: str | None = None) -> int:
    named = [s for s in p.initiatives if initiative in s.value]
    if not named:
        return 0
    is_org = names.kind.get(party) == "organization"
    party_mentioned = any(party in m.value[0] and m.value[1] != "venue" for m in p.mentions)
    other_parties = any((m.value[0] and m.value[0] != frozenset({CHINA}) and party not in m.value[0]
                         and m.value[1] not in ("none", "venue")
                         and not (all(names.kind.get(c) == "organization" for c in m.value[0])
                                  and (m.value[1] != "subject" or all(c.end <= m.start for c in p.cues))))
                        or (m.value[2] is not None and not names.in_scope(party, m.value[2])) for m in p.mentions)
    group_mentioned = any(m.value[2] is not None and names.in_scope(party, m.value[2]) for m in p.mentions
                          if m.value[1] != "venue")
    # attribution says who speaks: in the party's own statement (or China's account of it) the
    # party is the text's subject even where the excerpt does not name it, and in its own
    # statement an actor the text leaves implicit ("he said", "we") is the party
    own = attribution == "own voice" and not any(
        m.value[1] == "subject" and m.value[0] and party not in m.value[0] and m.value[0] != frozenset({CHINA})
        and not all(names.kind.get(c) == "organization" for c in m.value[0]) for m in p.mentions)
    connected = party_mentioned or group_mentioned or own or attribution == "China's account" or \
        (not other_parties and not is_org)
    others = other_parties and not party_mentioned and not own
    china_text = attribution == "China's own words"
    best = 1 if connected else 0
    rejected = False
    for cue, sent, actor, speaker in _cue_readings(p, initiative):
        level = cue.value[0]
        who = _includes(actor, party, names, others)
        if who == "other":
            continue
        china_speaks = speaker is not None and speaker[0] == frozenset({CHINA})
        # China proposing what "the two sides should" do is China's word, not the party's;
        # China reporting what both sides agreed is a report of the party's stance
        proposal = who == "group" and (actor[2] is None or GENERIC_GROUP.match(actor[2])) and \
            (china_speaks or china_text) and bool(MODAL.search(p.text[sent[0]:cue.start]))
        if who == "group" and level == 4 and not proposal and actor[2] is not None and \
                MODAL.search(p.text[sent[0]:cue.start]):
            level = 3  # a party urging "all countries should implement" advocates; it does not pledge
        wish = actor is not None and actor[1] == "wish" and (china_speaks or china_text)
        if who == "china" or proposal or wish or (who == "unknown" and (china_speaks or china_text)):
            if level != -1:  # China rejecting something is not the party's rejection
                best = max(best, min(level, 1) if connected else 0)
            continue
        if level == -1:
            rejected = True
        else:
            best = max(best, level)
    return -1 if rejected else best


@lru_cache(maxsize=1)
def default_names() -> PartyNames:
    from . import paths

    frame = pd.read_csv(paths.DATA / "parties.csv", dtype=str, keep_default_na=False)
    return PartyNames(frame)


_PARSE_CACHE: dict[str, Parsed] = {}


def _parsed(text: str, names: PartyNames) -> Parsed:
    hit = _PARSE_CACHE.get(text)
    if hit is None:
        if len(_PARSE_CACHE) > 200_000:
            _PARSE_CACHE.clear()
        hit = _PARSE_CACHE[text] = parse(text, names)
    return hit


def _check_args(party: str, initiative: str) -> None:
    if initiative not in INITIATIVES:
        raise ValueError(f"unknown initiative {initiative!r}; expected one of {', '.join(INITIATIVES)}")
    if not isinstance(party, str) or not party:
        raise ValueError("party must be a non-empty ISO3 or organization code")


def code_stance(text: str, party: str, initiative: str, names: PartyNames | None = None,
                attribution: str | None = None) -> int:
    """The stance (-1..4) that ``text`` attributes to ``party`` toward ``initiative``.

    ``attribution`` (optional, as in the statements table) says who speaks. With "China's own
    words", a cue whose actor the text leaves implicit ("He noted the need to synergize the BRI
    ...") is China's, so it cannot lift the party above 1 (codebook rule 3); with "own voice" it
    is the party's, even where the excerpt does not name the party; with "China's account" the
    party is connected to a named initiative (at least 1) even where the excerpt leaves it unnamed.
    """
    _check_args(party, initiative)
    names = names or default_names()
    return level_of(_parsed(text, names), party, initiative, names, attribution)


# Cheap screen, run vectorized on pyarrow strings: a text that names no form of the
# initiative cannot code above 0, so only the rest go through the parser.
def _glossed(word: str) -> str:
    """A screen pattern for a Chinese word that tolerates pinyin glosses: 發(fā)展."""
    return r"(?:\([^)]{1,8}\))?".join(word)


_SCREEN_WORDS = {
    "GSI": ["security", "GSI", "stability", *map(_glossed, ["安全", "两个全球", "两大"])],
    "GDI": ["development", "GDI", *map(_glossed, ["发展", "發展", "两个全球", "两大"])],
    "GCI": [r"civili[sz]ation", "cultur", "GCI", _glossed("文明")],
    "GGI": ["governance", "GGI", _glossed("治理")],
    "BRI": ["belt", "BRI", "silk road", *map(_glossed, ["一带一路", "一帶一路", "丝绸之路", "絲綢之路"])],
}
# "the two/three/four (global) initiatives", 三大/四大, "all the initiatives", "other initiatives"
_SCREEN_COUNTS = {"two": ("GSI", "GDI"), "three": ("GSI", "GDI", "GCI"), "four": ("GSI", "GDI", "GCI", "GGI")}
SCREEN = {
    ini: "|".join(
        words
        + [f"{n} (?:major |key )?(?:global )?initiatives" for n, inis in _SCREEN_COUNTS.items() if ini in inis]
        + [_glossed(z) for z, n in (("三大", "three"), ("四大", "four")) if ini in _SCREEN_COUNTS[n]]
        + (["all (?:the )?(?:major )?initiatives", "global initiatives"] if ini in _SCREEN_COUNTS["three"] else [])
        + (["all (?:the )?major initiatives"] if ini == "BRI" else [])
        + (["other initiatives"] if ini != "BRI" else [])
        + ["倡议", "倡議"])
    for ini, words in _SCREEN_WORDS.items()
}


def code_stances(frame: pd.DataFrame, names: PartyNames | None = None) -> pd.Series:
    """One level per row of a frame with columns ``text``, ``party``, ``initiative`` (and,
    optionally, ``attribution``, used as in :func:`code_stance`).

    Vectorized where it counts: a pyarrow regex screen drops rows whose text cannot name the
    initiative, and each distinct (text, party, initiative) is coded once, each distinct text
    parsed once.
    """
    missing = {"text", "party", "initiative"} - set(frame.columns)
    if missing:
        raise ValueError(f"code_stances needs columns text, party, initiative; missing {sorted(missing)}")
    bad = set(frame["initiative"].dropna().unique()) - set(INITIATIVES)
    if bad:
        raise ValueError(f"unknown initiative(s) {sorted(bad)}; expected one of {', '.join(INITIATIVES)}")
    names = names or default_names()
    out = pd.Series(0, index=frame.index, dtype="int8", name="level")
    if frame.empty:
        return out
    text = frame["text"]
    if not isinstance(text.dtype, pd.ArrowDtype):
        text = text.astype(pd.ArrowDtype(pa.string()))
    hit = pd.Series(False, index=frame.index)
    for ini, pattern in SCREEN.items():
        rows = frame["initiative"] == ini
        if rows.any():
            hit[rows] = text[rows].str.contains(pattern, case=False, regex=True).fillna(False).astype(bool)
    if not hit.any():
        return out
    cols = ["text", "party", "initiative"] + (["attribution"] if "attribution" in frame.columns else [])
    todo = frame.loc[hit, cols]
    if "attribution" not in todo:
        todo = todo.assign(attribution=None)
    todo = todo.astype(object).where(todo.notna(), None)
    keys = todo.drop_duplicates()
    levels = [level_of(_parsed(t, names), p, i, names, a) if isinstance(t, str) else 0
              for t, p, i, a in keys.itertuples(index=False, name=None)]
    keys = keys.assign(level=levels)
    coded = todo.merge(keys, on=["text", "party", "initiative", "attribution"], how="left")["level"].to_numpy().astype("int8")
    out.loc[hit] = coded
    return out


# ---------------------------------------------------------------- key terms
TERMS = {
    "indivisible security": r"\bindivisib(?:le|ility\s+of)\s+security\b|安全不可分割",
    "bloc politics/confrontation": r"\bbloc\s+(?:politics|confrontation)\b|\bbloc-based\s+confrontation\b|集团政治|阵营对抗|集团对抗",
    "Cold War mentality": r"\bcold[\s-]+war\s+mentality\b|冷战思维",
}
_TERM_RE = {k: re.compile(v, re.I) for k, v in TERMS.items()}


def find_terms(text: str) -> set[str]:
    """The key terms that ``text`` uses (English or Chinese, either script)."""
    text = normalize(text)
    return {k for k, rx in _TERM_RE.items() if rx.search(text)}


def code_stances_dask(frame):
    """``code_stances`` over a Dask dataframe, partition by partition (same results as pandas).

    Worth it only past one machine's memory or for many millions of rows: on 2 cores the
    pandas path is faster (see benchmarks/README.md).
    """
    return frame.map_partitions(lambda part: code_stances(part), meta=("level", "int8"))
