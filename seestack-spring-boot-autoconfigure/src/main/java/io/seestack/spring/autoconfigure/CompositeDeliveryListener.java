package io.seestack.spring.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import io.seestack.DeliveryListener;
import io.seestack.Feature;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls each of several {@link DeliveryListener listeners} in order; one that throws does not stop the others.
 */
final class CompositeDeliveryListener implements DeliveryListener {

	private static final Log logger = LogFactory.getLog(CompositeDeliveryListener.class);

	private final List<DeliveryListener> listeners;

	private CompositeDeliveryListener(List<DeliveryListener> listeners) {
		this.listeners = listeners;
	}

	/** One listener for all: {@link DeliveryListener#NOOP} for none, the listener itself for one. */
	static DeliveryListener of(List<DeliveryListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> DeliveryListener.NOOP;
			case 1 -> listeners.get(0);
			default -> new CompositeDeliveryListener(List.copyOf(listeners));
		};
	}

	List<DeliveryListener> listeners() {
		return this.listeners;
	}

	@Override
	public void sent(Feature feature, int count) {
		each((listener) -> listener.sent(feature, count));
	}

	@Override
	public void dropped(Feature feature, DropReason reason, int count) {
		each((listener) -> listener.dropped(feature, reason, count));
	}

	@Override
	public void retried(Feature feature) {
		each((listener) -> listener.retried(feature));
	}

	@Override
	public void disabled(String reason) {
		each((listener) -> listener.disabled(reason));
	}

	private void each(Consumer<DeliveryListener> call) {
		for (DeliveryListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("SeeStack DeliveryListener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

}
