package io.mawasu.crm.domain.customer;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

/**
 * Customers edited one at a time. Bulk work (imports, lists) goes through SQL instead.
 */
public interface CustomerRepository extends ListCrudRepository<Customer, Long> {

	Optional<Customer> findByExternalId(String externalId);

}
