package io.mawasu.crm.web.rfm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.mawasu.crm.segmentation.InvalidRfmRequest;
import io.mawasu.crm.segmentation.RfmCuts;
import io.mawasu.crm.segmentation.RfmMethod;
import io.mawasu.crm.segmentation.RfmRunRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The "start a run" form of the RFM page; cut points are typed as comma-separated
 * numbers.
 */
class RfmForm {

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private @Nullable LocalDate asOf;

	private RfmMethod method = RfmMethod.QUANTILE;

	private @Nullable Integer lookbackDays;

	private String recencyCuts = "30,90,180,365";

	private String frequencyCuts = "2,3,5,10";

	private String monetaryCuts = "5000,10000,30000,100000";

	/** A quantile run whose F is scored by the frequency cuts. */
	private boolean fixedFrequency;

	RfmRunRequest toRequest() {
		RfmCuts cuts = (this.method == RfmMethod.THRESHOLD) ? new RfmCuts(numbers("recency", this.recencyCuts),
				numbers("frequency", this.frequencyCuts), numbers("monetary", this.monetaryCuts)) : null;
		List<BigDecimal> frequencyCuts = (this.method != RfmMethod.THRESHOLD && this.fixedFrequency)
				? numbers("frequency", this.frequencyCuts) : null;
		return new RfmRunRequest(this.asOf, this.method, cuts, this.lookbackDays, frequencyCuts);
	}

	public boolean isFixedFrequency() {
		return this.fixedFrequency;
	}

	public void setFixedFrequency(boolean fixedFrequency) {
		this.fixedFrequency = fixedFrequency;
	}

	private static List<BigDecimal> numbers(String axis, String text) {
		List<BigDecimal> numbers = new ArrayList<>();
		for (String part : text.split("[,、\\s]+")) {
			if (part.isBlank()) {
				continue;
			}
			try {
				numbers.add(new BigDecimal(part.trim()));
			}
			catch (NumberFormatException ex) {
				throw new InvalidRfmRequest("cuts." + axis + ": '" + part + "' is not a number");
			}
		}
		return numbers;
	}

	public @Nullable LocalDate getAsOf() {
		return this.asOf;
	}

	public void setAsOf(@Nullable LocalDate asOf) {
		this.asOf = asOf;
	}

	public RfmMethod getMethod() {
		return this.method;
	}

	public void setMethod(RfmMethod method) {
		this.method = method;
	}

	public @Nullable Integer getLookbackDays() {
		return this.lookbackDays;
	}

	public void setLookbackDays(@Nullable Integer lookbackDays) {
		this.lookbackDays = lookbackDays;
	}

	public String getRecencyCuts() {
		return this.recencyCuts;
	}

	public void setRecencyCuts(String recencyCuts) {
		this.recencyCuts = recencyCuts;
	}

	public String getFrequencyCuts() {
		return this.frequencyCuts;
	}

	public void setFrequencyCuts(String frequencyCuts) {
		this.frequencyCuts = frequencyCuts;
	}

	public String getMonetaryCuts() {
		return this.monetaryCuts;
	}

	public void setMonetaryCuts(String monetaryCuts) {
		this.monetaryCuts = monetaryCuts;
	}

}
