/** Reading the policy file (YAML) into a {@code io.telltale.core.policy.PolicySet}, with errors that say where. */
package io.telltale.connectors.policy;
