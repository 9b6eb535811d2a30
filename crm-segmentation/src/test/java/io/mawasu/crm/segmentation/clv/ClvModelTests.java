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
	}

	@Test
	void eulerTransformedExpectationEqualsTheDirectSeries() {
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
