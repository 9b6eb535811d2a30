package io.mawasu.crm.analytics;

/** No KPI has the id (an HTTP 404). */
public class UnknownKpi extends RuntimeException {

	public UnknownKpi(long id) {
		super("No KPI with id " + id);
	}

}
