"""Tests of generate.py on small made-up inputs (no dataset needed):

    python3 -m unittest discover -s tools/regions
"""

import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import generate as g  # noqa: E402


def dataset(extra):
    """Every provincial unit of the registry, plus `extra` lines."""
    codes = {code: name for code, _, name, *_ in g.PROVINCES if code != "660000"}
    codes.update(extra)
    return codes


class Names(unittest.TestCase):
    def test_short_names_drop_suffixes_and_peoples(self):
        for name, short in [
            ("海口市", "海口"), ("大兴安岭地区", "大兴安岭"), ("锡林郭勒盟", "锡林郭勒"),
            ("延边朝鲜族自治州", "延边"), ("黔东南苗族侗族自治州", "黔东南"),
            ("克孜勒苏柯尔克孜自治州", "克孜勒苏"), ("博尔塔拉蒙古自治州", "博尔塔拉"),
            ("海西蒙古族藏族自治州", "海西"), ("陵水黎族自治县", "陵水"),
            ("神农架林区", "神农架"), ("定安县", "定安"), ("东方市", "东方"),
        ]:
            self.assertEqual(g.split_name(name)[0], short, name)

    def test_traps_read_by_words(self):
        for words, want in g.TRAPS.items():
            self.assertEqual(g.pinyin_of(words), want, words)

    def test_written_names(self):
        self.assertEqual(g.written(["xi", "an"]), "Xi'an")
        self.assertEqual(g.written(["lv", "liang"]), "Lüliang")
        self.assertEqual(g.written(["hai", "kou"]), "Haikou")
        self.assertEqual(g.english("Yanbian", "自治州", ["Korean"]),
                         "Yanbian Korean Autonomous Prefecture")

    def test_normalize_matches_the_cli(self):
        self.assertEqual(g.normalize(" Yichun (Jiangxi) "), "yichunjiangxi")
        self.assertEqual(g.normalize("yichun-jiangxi"), "yichunjiangxi")
        self.assertEqual(g.normalize("Xi'an"), "xian")


class Registry(unittest.TestCase):
    def build(self, extra):
        provinces, cities = g.build(dataset(extra))
        return {c["code"]: c for c in cities}

    def test_homophones_take_their_province_and_kept_ids_stay(self):
        c = self.build({"230700": "伊春市", "360900": "宜春市",
                        "350100": "福州市", "361000": "抚州市"})
        self.assertEqual(c["230700"]["id"], "yichun")
        self.assertEqual(c["230700"]["en"], "Yichun")
        self.assertEqual(c["360900"]["id"], "yichunjiangxi")
        self.assertEqual(c["360900"]["en"], "Yichun (Jiangxi)")
        self.assertEqual(c["350100"]["id"], "fuzhoufujian")
        self.assertEqual(c["361000"]["id"], "fuzhoujiangxi")

    def test_a_city_named_like_a_province_keeps_its_suffix(self):
        c = self.build({"220200": "吉林市", "632500": "海南藏族自治州"})
        self.assertEqual((c["220200"]["short"], c["220200"]["id"]), ("吉林市", "jilinshi"))
        self.assertEqual(c["220200"]["en"], "Jilin City")
        self.assertEqual((c["632500"]["short"], c["632500"]["id"]), ("海南州", "hainanzhou"))
        self.assertEqual(c["632500"]["aliases"], [])

    def test_directly_administered_units_and_bingtuan_cities(self):
        c = self.build({"460100": "海口市", "460105": "秀英区", "469002": "琼海市",
                        "469028": "陵水黎族自治县", "659001": "石河子市",
                        "500229": "城口县", "110101": "东城区"})
        self.assertEqual(sorted(c), ["460100", "469002", "469028", "659001"])
        self.assertEqual(c["469002"]["parent"], "hainan")
        self.assertEqual(c["469028"]["en"], "Lingshui Li Autonomous County")
        self.assertEqual(c["659001"]["parent"], "bingtuan")

    def test_prefecture_aliases(self):
        c = self.build({"622900": "临夏回族自治州", "653100": "喀什地区",
                        "230100": "哈尔滨市"})
        self.assertEqual(c["622900"]["aliases"], ["临夏州"])
        self.assertEqual(c["653100"]["en"], "Kashgar Prefecture")
        self.assertEqual(c["653100"]["aliases"], ["kashgar"])
        # `harbin` is now the English name, no longer an alias.
        self.assertEqual((c["230100"]["id"], c["230100"]["en"]), ("haerbin", "Harbin"))
        self.assertEqual(c["230100"]["aliases"], [])

    def test_clashing_keys_stop_the_run(self):
        with self.assertRaises(SystemExit):
            g.check([{"id": "a", "code": "1", "name": "甲", "short": "乙", "aliases": []},
                     {"id": "b", "code": "2", "name": "丙", "short": "乙", "aliases": []}])

    def test_output_is_deterministic(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "2024.txt")
            with open(path, "w", encoding="utf-8") as f:
                for code, name in sorted(dataset({"460200": "三亚市"}).items()):
                    f.write(f"{code} {name}\n")
            outs = []
            for n in (1, 2):
                out = os.path.join(d, f"regions{n}.yaml")
                subprocess.run([sys.executable, g.__file__, path, "--revision", "test",
                                "--out", out], check=True, capture_output=True)
                with open(out, "rb") as f:
                    outs.append(f.read())
            self.assertEqual(outs[0], outs[1])
            self.assertIn("{ id: sanya, code: \"460200\", name: 三亚市, short: 三亚, "
                          "parent: hainan, en: Sanya }", outs[0].decode())


if __name__ == "__main__":
    unittest.main()
