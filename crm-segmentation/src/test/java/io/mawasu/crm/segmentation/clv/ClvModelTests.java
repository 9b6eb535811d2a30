package io.mawasu.crm.segmentation.clv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The models without a database: the optimiser and ₂F₁ on functions with known answers,
 * and the fit on the CDNOW sample ({@code data/cdnow/CDNOW_sample.txt}) summarised here
 * from the file against the published parameters (Fader, Hardie &amp; Lee 2005;
 * lifetimes).
 */
class ClvModelTests {

	@Test
	void bfgsFindsTheRosenbrockMinimum() {
		Bfgs.Objective rosenbrock = (v, g) -> {
			double x = v[0];
			double y = v[1];
			g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
			g[1] = 200 * (y - x * x);
			return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
		};
		Bfgs.Minimum minimum = Bfgs.minimise(rosenbrock, new double[] { -1.2, 1 }, 500, 1e-10);
		assertThat(minimum.point()[0]).isCloseTo(1, within(1e-6));
		assertThat(minimum.point()[1]).isCloseTo(1, within(1e-6));
	}

	@Test
	void hypergeometricMatchesClosedForms() {
		// 2F1(1,1;2;z) = -ln(1-z)/z and 2F1(a,b;b;z) = (1-z)^-a (A&S 15.1.3, 15.1.8)
		assertThat(Hypergeometric.f21(1, 1, 2, 0.9)).isCloseTo(-Math.log(0.1) / 0.9, within(1e-12));
		assertThat(Hypergeometric.f21(2.5, 3, 3, 0.6)).isCloseTo(Math.pow(0.4, -2.5), within(1e-10));
		// beyond double range: ln 2F1(a,b;b;z) = -a ln(1-z)
		assertThat(Hypergeometric.logF21(2000, 3, 3, 0.9)).isCloseTo(-2000 * Math.log(0.1), within(1e-8));
	}

	@Test
	void expectationMatchesTheDirectSeriesAndThePaper() {
		BgNbd model = new BgNbd(0.243, 4.414, 0.793, 2.426);
		int x = 2;
		double tx = 30.43;
		double t = 38.86;
		double h = 39;
		double z = h / (model.alpha() + t + h);
		double direct = Math.pow(1 - z, model.r() + x)
				* Hypergeometric.f21(model.r() + x, model.b() + x, model.a() + model.b() + x - 1, z);
		double c = model.a() + model.b() + x - 1;
		double numerator = c / (model.a() - 1) * (1 - direct);
		double denominator = 1
				+ model.a() / (model.b() + x - 1) * Math.pow((model.alpha() + t) / (model.alpha() + tx), model.r() + x);
		assertThat(model.expectedPurchases(x, tx, t, h)).isCloseTo(numerator / denominator, within(1e-12));
		// the paper's worked example (FHL 2005, section 4): 1.226 purchases in 39 weeks
		assertThat(model.expectedPurchases(x, tx, t, h)).isCloseTo(1.226, within(5e-4));
	}

	@Test
	void smallRegularDataGivesFinitePredictions() {
		// the browser test's seed: 40 customers buying 1 to 7 times at regular gaps
		CustomerSummary summary = new CustomerSummary();
		for (int i = 0; i < 40; i++) {
			int purchases = 1 + (i % 7);
			int first = i * 3;
			int last = first + (purchases - 1) * (11 + i % 5) * (1 + i % 3);
			summary.add(i, purchases - 1, last - first, 400 - first,
					(purchases > 1) ? 1000 + 137 * (i % 13) : Double.NaN);
		}
		ClvModelling.Result result = ClvModelling.fit(summary, 7, 52);
		for (int i = 0; i < 40; i++) {
			int history = result.historyOf(summary.x[i], summary.recencyDays[i], summary.ageDays[i]);
			assertThat(history).isNotNegative();
			assertThat(result.pAlive()[history]).isBetween(0.0, 1.0);
			assertThat(result.expectedPurchases()[history]).isFinite().isGreaterThanOrEqualTo(0);
			assertThat(result.expectedSpend(summary.x[i], summary.spend[i])).isFinite().isPositive();
		}
		for (double h : result.holdoutPredicted()) {
			assertThat(h).isFinite();
		}
	}

	@Test
	void dataWithoutDropoutStopAtTheBoundaryInsteadOfWalkingTheRidge() {
		// 50,000 customers who never drop out: the likelihood rises as a → 0 without end
		CustomerHistories data = simulate(50_000, 2, 10, Double.NaN, Double.NaN, 11);
		ModelFit.Fitted<BgNbd> fit = ModelFit.bgNbd(data);
		// b is then unidentified (only a / (b + x − 1) enters) and may drift along
		assertThat(fit.boundary()).contains("a → 0");
		assertThat(fit.model().a()).isLessThan(1e-3);
		assertThat(fit.evaluations()).as("evaluations on all the data").isLessThan(40);
		// the purchase process is still estimated
		assertThat(fit.model().r()).isCloseTo(2, within(0.2));
		assertThat(fit.model().alpha()).isCloseTo(10, within(1.0));
		assertThat(fit.logLikelihood()).isFinite();
	}

	@Test
	void largeDataAreFittedToTheTrueMaximum() {
		// BG/NBD data with dropout (r 0.8, α 7, a 0.9, b 2.5), beyond the search sample
		CustomerHistories data = simulate(60_000, 0.8, 7, 0.9, 2.5, 12);
		ModelFit.Fitted<BgNbd> fit = ModelFit.bgNbd(data);
		assertThat(fit.boundary()).isEmpty();
		assertThat(fit.evaluations()).as("evaluations on all the data").isLessThan(40);
		// the maximum found by a search with every tolerance at its floor, from the truth
		double[] theta = { Math.log(0.8), Math.log(7), Math.log(0.9), Math.log(2.5) };
		double n = data.customers();
		Bfgs.Minimum exact = Bfgs.minimise((v, g) -> {
			double ll = new BgNbd(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), Math.exp(v[3])).logLikelihood(data,
					g);
			for (int i = 0; i < g.length; i++) {
				g[i] = -g[i] / n;
			}
			return -ll / n;
		}, theta, null, 500, 1e-14, 1e-12, Double.POSITIVE_INFINITY);
		double[] found = { fit.model().r(), fit.model().alpha(), fit.model().a(), fit.model().b() };
		for (int i = 0; i < 4; i++) {
			assertThat(found[i]).isCloseTo(Math.exp(exact.point()[i]), within(1e-4 * Math.exp(exact.point()[i])));
		}
		assertThat(fit.model().r()).isCloseTo(0.8, within(0.1));
		assertThat(fit.model().a()).isCloseTo(0.9, within(0.2));
	}

	/**
	 * Customers of the BG/NBD process in days, as weekly histories: rates λ ~ Gamma(r, α)
	 * per week, dropout after each repeat purchase with p ~ Beta(a, b) (none when a is
	 * NaN), first purchase 1 to 3 years before the end; purchases on one day are one.
	 */
	private static CustomerHistories simulate(int customers, double r, double alpha, double a, double b, long seed) {
		Random random = new Random(seed);
		int[] x = new int[customers];
		int[] recency = new int[customers];
		int[] age = new int[customers];
		for (int i = 0; i < customers; i++) {
			double lambda = gamma(random, r) / alpha / 7;
			double p = Double.isNaN(a) ? 0 : beta(random, a, b);
			age[i] = 365 + random.nextInt(730);
			double time = 0;
			int last = 0;
			int purchases = 0;
			// the first purchase at 0; a repeat purchase may be the last (FHL 2005,
			// section 3)
			while (true) {
				time += -Math.log(1 - random.nextDouble()) / lambda;
				if (time > age[i]) {
					break;
				}
				if ((int) time > last) {
					last = (int) time;
					purchases++;
				}
				if (random.nextDouble() < p) {
					break;
				}
			}
			x[i] = purchases;
			recency[i] = last;
		}
		return CustomerHistories.group(x, recency, age, customers, 7);
	}

	// Marsaglia & Tsang (2000), with Gamma(k) = Gamma(k + 1) U^(1/k) for k < 1
	private static double gamma(Random random, double shape) {
		if (shape < 1) {
			return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
		}
		double d = shape - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double z = random.nextGaussian();
			double v = Math.pow(1 + c * z, 3);
			if (v > 0 && Math.log(random.nextDouble()) < z * z / 2 + d - d * v + d * Math.log(v)) {
				return d * v;
			}
		}
	}

	private static double beta(Random random, double a, double b) {
		double x = gamma(random, a);
		return x / (x + gamma(random, b));
	}

	@Test
	void fitsTheCdnowSampleToThePublishedParameters() throws IOException {
		Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
		for (String line : Files.readAllLines(Path.of("../data/cdnow/CDNOW_sample.txt"), StandardCharsets.US_ASCII)) {
			String[] f = line.strip().split("\\s+");
			if (f.length == 5) {
				days.computeIfAbsent(f[0], (k) -> new TreeMap<>())
					.merge(LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), Double.parseDouble(f[4]),
							Double::sum);
			}
		}
		LocalDate end = LocalDate.of(1997, 9, 30);
		int n = days.size();
		int[] x = new int[n];
		int[] rec = new int[n];
		int[] age = new int[n];
		List<double[]> repeaters = new ArrayList<>();
		int i = 0;
		for (TreeMap<LocalDate, Double> customer : days.values()) {
			java.util.NavigableMap<LocalDate, Double> cal = customer.headMap(end, true);
			LocalDate first = customer.firstKey();
			x[i] = cal.size() - 1;
			rec[i] = (int) ChronoUnit.DAYS.between(first, cal.lastKey());
			age[i] = (int) ChronoUnit.DAYS.between(first, end);
			if (x[i] > 0) {
				double spend = cal.values().stream().mapToDouble(Double::doubleValue).sum()
						- customer.firstEntry().getValue();
				repeaters.add(new double[] { x[i], spend / x[i] });
			}
			i++;
		}
		ModelFit.Fitted<BgNbd> bg = ModelFit.bgNbd(CustomerHistories.group(x, rec, age, n, 7));
		assertThat(n).isEqualTo(2357);
		assertThat(bg.model().r()).isCloseTo(0.243, within(5e-4));
		assertThat(bg.model().alpha()).isCloseTo(4.414, within(5e-4));
		assertThat(bg.model().a()).isCloseTo(0.793, within(5e-4));
		assertThat(bg.model().b()).isCloseTo(2.426, within(5e-4));
		assertThat(bg.logLikelihood()).isCloseTo(-9582.4, within(0.05));
		repeaters.sort(Comparator.comparingDouble((double[] r) -> r[0]));
		int[] rx = repeaters.stream().mapToInt((r) -> (int) r[0]).toArray();
		double[] rm = repeaters.stream().mapToDouble((r) -> r[1]).toArray();
		ModelFit.Fitted<GammaGamma> gg = ModelFit.gammaGamma(rx, rm, rx.length);
		assertThat(rx.length).isEqualTo(946);
		assertThat(gg.model().p()).isCloseTo(6.25, within(5e-3));
		assertThat(gg.model().q()).isCloseTo(3.74, within(5e-3));
		assertThat(gg.model().gamma()).isCloseTo(15.44, within(5e-3));
		System.out.printf("BG/NBD %s LL %.4f%nGG %s LL %.4f%n", bg.model(), bg.logLikelihood(), gg.model(),
				gg.logLikelihood());
	}

}
