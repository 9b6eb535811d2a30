package io.mawasu.crm.domain.consent;

/**
 * A channel a customer can be messaged on. Each has its own consent and its own address
 * on the customer (email, LINE user id, phone).
 */
public enum Channel {

	EMAIL, LINE, SMS

}
