package io.mawasu.crm.domain.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The word lists and weight tables the demo generator draws from, rendered as PostgreSQL
 * array literals. Weighted draws use bucket tables (an {@code int[]} of indexes, one
 * bucket per 1/size of the probability), because subscripting a fixed-width array is O(1)
 * in PostgreSQL while walking a long {@code text[]} is not.
 */
final class DemoVocabulary {

	static final int PLACE_BUCKETS = 10_000;

	static final int SMALL_BUCKETS = 1_000;

	/** Population in thousands (2020 census) and a few real cities with rough weights. */
	static final List<Prefecture> PREFECTURES = List.of(
			prefecture("北海道", 5225, "札幌市:50", "旭川市:7", "函館市:5", "帯広市:3", "釧路市:3", "苫小牧市:3"),
			prefecture("青森県", 1238, "青森市:3", "八戸市:2", "弘前市:2"), prefecture("岩手県", 1211, "盛岡市:3", "一関市:1", "奥州市:1"),
			prefecture("宮城県", 2302, "仙台市:46", "石巻市:6", "大崎市:5"), prefecture("秋田県", 960, "秋田市:3", "横手市:1"),
			prefecture("山形県", 1068, "山形市:3", "鶴岡市:1", "酒田市:1"), prefecture("福島県", 1833, "郡山市:3", "いわき市:3", "福島市:3"),
			prefecture("茨城県", 2867, "水戸市:10", "つくば市:9", "日立市:6"), prefecture("栃木県", 1933, "宇都宮市:5", "小山市:2"),
			prefecture("群馬県", 1939, "前橋市:3", "高崎市:4", "太田市:2"),
			prefecture("埼玉県", 7345, "さいたま市:18", "川口市:8", "川越市:5", "所沢市:5", "越谷市:5", "草加市:3"),
			prefecture("千葉県", 6284, "千葉市:16", "船橋市:10", "松戸市:8", "市川市:8", "柏市:7", "浦安市:3"),
			prefecture("東京都", 14048, "世田谷区:9", "練馬区:7", "大田区:7", "江戸川区:7", "足立区:7", "杉並区:6", "板橋区:6", "八王子市:6", "江東区:5",
					"町田市:4", "品川区:4", "新宿区:3", "中野区:3", "目黒区:3", "渋谷区:2", "港区:2", "調布市:2", "武蔵野市:1"),
			prefecture("神奈川県", 9237, "横浜市:40", "川崎市:16", "相模原市:8", "藤沢市:5", "横須賀市:4", "平塚市:3", "茅ヶ崎市:3", "鎌倉市:2"),
			prefecture("新潟県", 2201, "新潟市:35", "長岡市:12", "上越市:8"), prefecture("富山県", 1035, "富山市:4", "高岡市:2"),
			prefecture("石川県", 1133, "金沢市:4", "白山市:1"), prefecture("福井県", 767, "福井市:3", "坂井市:1"),
			prefecture("山梨県", 810, "甲府市:2", "甲斐市:1"), prefecture("長野県", 2048, "長野市:4", "松本市:3", "上田市:2"),
			prefecture("岐阜県", 1979, "岐阜市:4", "大垣市:2"), prefecture("静岡県", 3633, "浜松市:22", "静岡市:19", "沼津市:5", "富士市:5"),
			prefecture("愛知県", 7542, "名古屋市:30", "豊田市:6", "岡崎市:5", "一宮市:5", "豊橋市:5", "春日井市:4"),
			prefecture("三重県", 1770, "四日市市:3", "津市:3", "鈴鹿市:2"), prefecture("滋賀県", 1414, "大津市:3", "草津市:1"),
			prefecture("京都府", 2578, "京都市:56", "宇治市:7", "亀岡市:3"),
			prefecture("大阪府", 8838, "大阪市:31", "堺市:9", "東大阪市:5", "豊中市:5", "枚方市:4", "吹田市:4", "高槻市:4"),
			prefecture("兵庫県", 5465, "神戸市:28", "姫路市:10", "西宮市:9", "尼崎市:8", "明石市:5"),
			prefecture("奈良県", 1324, "奈良市:3", "橿原市:1"), prefecture("和歌山県", 923, "和歌山市:3", "田辺市:1"),
			prefecture("鳥取県", 553, "鳥取市:2", "米子市:2"), prefecture("島根県", 671, "松江市:2", "出雲市:2"),
			prefecture("岡山県", 1888, "岡山市:7", "倉敷市:5"), prefecture("広島県", 2800, "広島市:42", "福山市:16", "呉市:8"),
			prefecture("山口県", 1342, "下関市:3", "山口市:2", "宇部市:2"), prefecture("徳島県", 720, "徳島市:3", "阿南市:1"),
			prefecture("香川県", 950, "高松市:4", "丸亀市:1"), prefecture("愛媛県", 1335, "松山市:5", "今治市:2"),
			prefecture("高知県", 692, "高知市:3", "南国市:1"), prefecture("福岡県", 5135, "福岡市:30", "北九州市:18", "久留米市:6"),
			prefecture("佐賀県", 811, "佐賀市:2", "唐津市:1"), prefecture("長崎県", 1312, "長崎市:4", "佐世保市:3"),
			prefecture("熊本県", 1738, "熊本市:7", "八代市:1"), prefecture("大分県", 1124, "大分市:4", "別府市:1"),
			prefecture("宮崎県", 1070, "宮崎市:4", "都城市:2"), prefecture("鹿児島県", 1588, "鹿児島市:6", "霧島市:1"),
			prefecture("沖縄県", 1467, "那覇市:3", "沖縄市:1", "うるま市:1"));

	/** Common family names, most frequent first, with the romanisation used in emails. */
	static final List<Name> FAMILY_NAMES = names("佐藤:sato", "鈴木:suzuki", "高橋:takahashi", "田中:tanaka", "伊藤:ito",
			"渡辺:watanabe", "山本:yamamoto", "中村:nakamura", "小林:kobayashi", "加藤:kato", "吉田:yoshida", "山田:yamada",
			"佐々木:sasaki", "山口:yamaguchi", "松本:matsumoto", "井上:inoue", "木村:kimura", "林:hayashi", "斎藤:saito",
			"清水:shimizu", "山崎:yamazaki", "森:mori", "池田:ikeda", "橋本:hashimoto", "阿部:abe", "石川:ishikawa", "山下:yamashita",
			"中島:nakajima", "石井:ishii", "小川:ogawa", "前田:maeda", "岡田:okada", "長谷川:hasegawa", "藤田:fujita", "後藤:goto",
			"近藤:kondo", "村上:murakami", "遠藤:endo", "青木:aoki", "坂本:sakamoto", "斉藤:saito", "福田:fukuda", "太田:ota",
			"西村:nishimura", "藤井:fujii", "金子:kaneko", "岡本:okamoto", "藤原:fujiwara", "中野:nakano", "三浦:miura", "原田:harada",
			"中川:nakagawa", "松田:matsuda", "竹内:takeuchi", "小野:ono", "田村:tamura", "中山:nakayama", "和田:wada", "石田:ishida",
			"森田:morita", "上田:ueda", "原:hara", "内田:uchida", "柴田:shibata", "酒井:sakai", "工藤:kudo", "横山:yokoyama",
			"宮崎:miyazaki", "宮本:miyamoto", "内藤:naito", "高木:takagi", "安藤:ando", "島田:shimada", "谷口:taniguchi", "大野:ono",
			"丸山:maruyama", "今井:imai", "高田:takada", "藤本:fujimoto", "武田:takeda", "村田:murata", "上野:ueno", "杉山:sugiyama",
			"増田:masuda", "小山:koyama", "大塚:otsuka", "平野:hirano", "菅原:sugawara", "久保:kubo", "松井:matsui", "千葉:chiba",
			"岩崎:iwasaki", "桜井:sakurai", "木下:kinoshita", "野口:noguchi", "松尾:matsuo", "菊地:kikuchi", "野村:nomura", "新井:arai",
			"渡部:watanabe");

	/**
	 * Given names in five pools, in this order: women 45 and older, younger women, men 45
	 * and older, younger men, and names used across genders (for gender O).
	 */
	static final List<List<Name>> GIVEN_NAME_POOLS = List.of(
			names("恵子:keiko", "京子:kyoko", "幸子:sachiko", "和子:kazuko", "洋子:yoko", "久美子:kumiko", "由美子:yumiko",
					"真由美:mayumi", "直美:naomi", "智子:tomoko", "裕子:yuko", "明美:akemi", "純子:junko", "典子:noriko", "陽子:yoko",
					"美智子:michiko", "節子:setsuko", "敏子:toshiko", "順子:junko", "悦子:etsuko", "文子:fumiko", "美穂:miho",
					"理恵:rie", "亜希子:akiko", "由紀:yuki"),
			names("愛:ai", "麻衣:mai", "彩:aya", "沙織:saori", "香織:kaori", "千尋:chihiro", "美咲:misaki", "陽菜:hina", "結衣:yui",
					"葵:aoi", "さくら:sakura", "七海:nanami", "美月:mizuki", "莉子:riko", "結菜:yuna", "凛:rin", "芽依:mei", "由佳:yuka",
					"奈々:nana", "彩花:ayaka", "綾香:ayaka", "瞳:hitomi", "萌:moe", "遥:haruka", "優花:yuka"),
			names("誠:makoto", "浩:hiroshi", "茂:shigeru", "清:kiyoshi", "博:hiroshi", "隆:takashi", "修:osamu", "勉:tsutomu",
					"実:minoru", "正:tadashi", "和夫:kazuo", "健一:kenichi", "明:akira", "豊:yutaka", "弘:hiroshi", "剛:tsuyoshi",
					"哲也:tetsuya", "秀樹:hideki", "浩二:koji", "雅彦:masahiko", "直樹:naoki", "聡:satoshi", "学:manabu",
					"克也:katsuya", "健二:kenji"),
			names("翔太:shota", "拓也:takuya", "健太:kenta", "大輔:daisuke", "翔:sho", "蓮:ren", "悠真:yuma", "湊:minato",
					"大翔:hiroto", "陽翔:haruto", "颯太:sota", "悠斗:yuto", "大樹:daiki", "亮:ryo", "陸:riku", "隼人:hayato",
					"海斗:kaito", "直人:naoto", "和也:kazuya", "達也:tatsuya", "雄太:yuta", "涼介:ryosuke", "航:wataru", "樹:itsuki",
					"俊介:shunsuke"),
			names("薫:kaoru", "渚:nagisa", "光:hikaru", "晶:akira", "真琴:makoto", "忍:shinobu", "歩:ayumu", "翼:tsubasa",
					"瑞希:mizuki", "遥:haruka"));

	static final List<Weighted> EMAIL_DOMAINS = List.of(new Weighted("example.com", 40),
			new Weighted("example.net", 25), new Weighted("example.org", 15), new Weighted("mail.example.com", 20));

	static final List<Weighted> MOBILE_PREFIXES = List.of(new Weighted("090", 55), new Weighted("080", 35),
			new Weighted("070", 10));

	/** Psychographic tags and the share of women and of men who carry each. */
	static final List<Tag> TAGS = List.of(new Tag("ナチュラル志向", 0.30, 0.14), new Tag("ギフト需要", 0.18, 0.15),
			new Tag("セール好き", 0.25, 0.22), new Tag("新作好き", 0.22, 0.10), new Tag("敏感肌", 0.15, 0.05),
			new Tag("エイジングケア", 0.15, 0.05), new Tag("健康志向", 0.20, 0.25), new Tag("時短志向", 0.15, 0.15),
			new Tag("高価格帯志向", 0.08, 0.08), new Tag("エコ志向", 0.12, 0.08), new Tag("口コミ重視", 0.20, 0.12),
			new Tag("限定品好き", 0.10, 0.10));

	/** Brands whose names start with this are the shop's own private brands. */
	static final String PRIVATE_BRAND_PREFIX = "MAWASU";

	/**
	 * The catalogue: category, brand, tax-included unit list price in yen, popularity.
	 */
	static final List<Product> PRODUCTS = List.of(new Product("スキンケア", "MAWASU Botanical", 3300, 9),
			new Product("スキンケア", "MAWASU Botanical", 5500, 5), new Product("スキンケア", "ルミナ", 4400, 6),
			new Product("スキンケア", "ルミナ", 7700, 3), new Product("スキンケア", "花雫", 1980, 6),
			new Product("スキンケア", "Shirotae", 9900, 2), new Product("メイクアップ", "ソラノイロ", 2750, 5),
			new Product("メイクアップ", "ソラノイロ", 3850, 3), new Product("メイクアップ", "Kirara", 1650, 5),
			new Product("メイクアップ", "MAWASU Botanical", 2970, 3), new Product("ヘアケア", "MAWASU Botanical", 2640, 5),
			new Product("ヘアケア", "KOMOREBI", 3520, 4), new Product("ヘアケア", "花雫", 1760, 3),
			new Product("ボディケア", "Yuzuha", 2200, 4), new Product("ボディケア", "MAWASU Botanical", 1980, 4),
			new Product("ボディケア", "KOMOREBI", 3080, 2), new Product("サプリメント", "ミナモ", 3240, 4),
			new Product("サプリメント", "MAWASU Kitchen", 2980, 3), new Product("食品", "やまびこ農園", 2480, 5),
			new Product("食品", "北の恵み", 3980, 4), new Product("食品", "MAWASU Kitchen", 1580, 6),
			new Product("食品", "MAWASU Kitchen", 2980, 3), new Product("飲料", "Hinata Tea", 1620, 5),
			new Product("飲料", "Hinata Tea", 3240, 2), new Product("飲料", "MAWASU Kitchen", 1280, 4),
			new Product("アパレル", "TSUMUGI", 5940, 3), new Product("アパレル", "TSUMUGI", 12100, 1),
			new Product("アパレル", "MAWASU Wear", 3960, 3), new Product("アパレル", "Kinari", 7480, 2),
			new Product("雑貨", "Kinari", 2860, 3), new Product("雑貨", "MAWASU Wear", 1650, 3),
			new Product("雑貨", "AOBA", 4180, 2), new Product("ギフトセット", "MAWASU Botanical", 5500, 3),
			new Product("ギフトセット", "北の恵み", 5400, 3), new Product("ギフトセット", "Hinata Tea", 4320, 2),
			new Product("ギフトセット", "ルミナ", 8800, 1));

	static final String GIFT_CATEGORY = "ギフトセット";

	/** Orders per hour of the day (0–23): lunch break and late evening on the phone. */
	static final double[] HOURS = { 1.2, 0.7, 0.4, 0.2, 0.15, 0.2, 0.4, 0.8, 1.1, 1.3, 1.5, 1.6, 2.0, 1.7, 1.5, 1.5,
			1.5, 1.5, 1.7, 2.0, 2.4, 2.8, 2.6, 1.9 };

	private DemoVocabulary() {
	}

	/**
	 * Relative order volume on a day of the year: New Year sales, Mother's Day, the
	 * summer gift and sale season (お中元), Black Friday and the year-end gift season (お歳暮,
	 * Christmas).
	 */
	static double season(LocalDate day) {
		int month = day.getMonthValue();
		int dom = day.getDayOfMonth();
		if (month == 1) {
			return (dom <= 3) ? 1.8 : (dom <= 15) ? 1.2 : 0.9;
		}
		if (month == 2) {
			return 0.85;
		}
		if (month == 5) {
			return (dom <= 12) ? 1.3 : 0.95;
		}
		if (month == 6) {
			return (dom >= 15) ? 1.35 : 0.95;
		}
		if (month == 7) {
			return 1.5;
		}
		if (month == 8) {
			return (dom <= 15) ? 1.1 : 0.9;
		}
		if (month == 9 || month == 10) {
			return 0.9;
		}
		if (month == 11) {
			return (dom >= 21) ? 1.6 : 1.05;
		}
		if (month == 12) {
			return (dom <= 25) ? 2.0 : 1.3;
		}
		return 1.0;
	}

	/**
	 * Maps each day of the year (index 0 = 1 January, 366 entries) to the day a uniformly
	 * drawn date moves to, so that dates follow {@link #season(LocalDate)}: the inverse
	 * of the season's cumulative distribution, evaluated at the middle of each day.
	 */
	static int[] seasonalWarp() {
		int days = 366;
		double[] cumulative = new double[days];
		double total = 0;
		LocalDate start = LocalDate.of(2024, 1, 1);
		for (int d = 0; d < days; d++) {
			total += season(start.plusDays(d));
			cumulative[d] = total;
		}
		int[] warp = new int[days];
		int target = 0;
		for (int d = 0; d < days; d++) {
			double q = (d + 0.5) / days * total;
			while (cumulative[target] < q) {
				target++;
			}
			warp[d] = target + 1;
		}
		return warp;
	}

	/**
	 * The seasonal warp as the number of days to add to a date, by its day of the year
	 * (index 0 = 1 January).
	 */
	static int[] seasonalShift() {
		int[] warp = seasonalWarp();
		int[] shift = new int[warp.length];
		for (int d = 0; d < warp.length; d++) {
			shift[d] = warp[d] - (d + 1);
		}
		return shift;
	}

	static <T> int[] buckets(List<T> items, ToDoubleFunction<T> weight, int size) {
		double total = items.stream().mapToDouble(weight).sum();
		int[] buckets = new int[size];
		int index = 0;
		double cumulative = weight.applyAsDouble(items.get(0));
		for (int b = 0; b < size; b++) {
			double q = (b + 0.5) / size * total;
			while (cumulative < q && index < items.size() - 1) {
				index++;
				cumulative += weight.applyAsDouble(items.get(index));
			}
			buckets[b] = index + 1;
		}
		return buckets;
	}

	static int[] hourBuckets() {
		List<Double> hours = new ArrayList<>();
		for (double h : HOURS) {
			hours.add(h);
		}
		int[] buckets = buckets(hours, Double::doubleValue, SMALL_BUCKETS);
		for (int i = 0; i < buckets.length; i++) {
			buckets[i] = buckets[i] - 1;
		}
		return buckets;
	}

	/** Every (prefecture, city) pair, weighted by the prefecture's population. */
	static List<Place> places() {
		List<Place> places = new ArrayList<>();
		for (Prefecture prefecture : PREFECTURES) {
			double cityTotal = prefecture.cities().stream().mapToDouble(Weighted::weight).sum();
			for (Weighted city : prefecture.cities()) {
				places.add(new Place(prefecture.name(), city.value(),
						prefecture.population() * city.weight() / cityTotal));
			}
		}
		return places;
	}

	static String textArray(List<String> values) {
		return values.stream()
			.map((value) -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
			.collect(Collectors.joining(",", "{", "}"));
	}

	static String intArray(int[] values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append(values[i]);
		}
		return literal.append('}').toString();
	}

	static String doubleArray(List<Double> values) {
		return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
	}

	private static Prefecture prefecture(String name, int population, String... cities) {
		List<Weighted> weighted = new ArrayList<>();
		for (String city : cities) {
			int colon = city.indexOf(':');
			weighted.add(new Weighted(city.substring(0, colon), Double.parseDouble(city.substring(colon + 1))));
		}
		return new Prefecture(name, population, List.copyOf(weighted));
	}

	private static List<Name> names(String... pairs) {
		List<Name> names = new ArrayList<>();
		for (String pair : pairs) {
			int colon = pair.indexOf(':');
			names.add(new Name(pair.substring(0, colon), pair.substring(colon + 1)));
		}
		return List.copyOf(names);
	}

	record Weighted(String value, double weight) {
	}

	record Prefecture(String name, int population, List<Weighted> cities) {
	}

	record Place(String prefecture, String city, double weight) {
	}

	record Name(String kanji, String romaji) {
	}

	record Tag(String name, double women, double men) {
	}

	record Product(String category, String brand, int price, double weight) {
	}

}
