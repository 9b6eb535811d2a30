package io.mawasu.crm.scenario;

/**
 * A scenario's Response (4R) for the segment it enters from: enrolments and goals per
 * group.
 */
public record ScenarioResponse(long id, String name, ScenarioView.Enrollments enrollments) {

}
