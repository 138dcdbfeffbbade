/**
 * The SeeStack SDK. Only {@code io.seestack} and {@code io.seestack.transport} are API: the implementation
 * packages under {@code io.seestack.internal} are not exported, so on the module path nothing outside the SDK can
 * reach them (on the class path, where most applications run it, {@code ArchitectureTests} in each module that
 * uses the SDK keeps them out of reach instead).
 */
module io.seestack {

	requires java.net.http;
	requires tools.jackson.core;
	requires dev.failsafe.core;
	requires static transitive org.jspecify;
	requires static context.propagation;

	exports io.seestack;
	exports io.seestack.transport;

	provides io.micrometer.context.ThreadLocalAccessor with io.seestack.internal.ScopeAccessor;

}
