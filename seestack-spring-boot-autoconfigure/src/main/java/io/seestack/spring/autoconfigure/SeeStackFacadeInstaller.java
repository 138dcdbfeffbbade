package io.seestack.spring.autoconfigure;

import io.seestack.SeeStack;
import io.seestack.SeeStackClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Installs the client bean into the static {@link SeeStack} facade, so that {@code SeeStack.captureError(...)}
 * and injected clients are one, and uninstalls it when the context closes, before the client itself is closed
 * (this bean depends on it, so it is destroyed first).
 */
final class SeeStackFacadeInstaller implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(SeeStackAutoConfiguration.class);

	private final SeeStackClient client;

	SeeStackFacadeInstaller(SeeStackClient client) {
		this.client = client;
	}

	@Override
	public void afterPropertiesSet() {
		if (!SeeStack.install(this.client)) {
			logger.warn("SeeStack's static facade already has a client (was SeeStack.init called?): "
					+ "static SeeStack calls will not use the client of this application context");
		}
	}

	@Override
	public void destroy() {
		SeeStack.uninstall(this.client);
	}

}
