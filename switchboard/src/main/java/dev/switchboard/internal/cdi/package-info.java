/**
 * CDI: finding what an application serves. {@code SwitchboardExtension} (a portable extension) collects the
 * {@code BindableService}, gateway, interceptor and exception-mapper beans while CDI boots; {@code ServiceCatalog}
 * resolves them into {@code ServiceBinding}s once the deployment is validated, and {@code GatewayValidation} fails the
 * deployment, naming the fix, when they cannot be served. {@code GeneratedStubs} binds request-scoped services through
 * their proxy, {@code BeanManagers} finds the deployment's BeanManager, and {@code WeldContextActivation} (a Weld SPI
 * service) keeps Weld's servlet contexts off Switchboard's own requests.
 *
 * <p>Not API. May use the public API, {@code internal.chain} (exception mapping, request scope) and
 * {@code internal.observe} (health); never the boot package {@code dev.switchboard.internal} (LayoutRulesTest).
 */
package dev.switchboard.internal.cdi;
