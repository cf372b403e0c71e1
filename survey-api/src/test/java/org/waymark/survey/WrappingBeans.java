package org.waymark.survey;

import java.util.function.Function;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Puts a test's wrapper around every bean of a type as the application context makes it. */
public final class WrappingBeans {

    private WrappingBeans() {}

    /**
     * A post-processor that wraps each bean of {@code type} that is not already a {@code wrapper}, so
     * that every bean using one uses the wrapped one.
     */
    public static <T> BeanPostProcessor wrapping(
            Class<T> type, Class<? extends T> wrapper, Function<? super T, ? extends T> wrap) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return type.isInstance(bean) && !wrapper.isInstance(bean) ? wrap.apply(type.cast(bean)) : bean;
            }
        };
    }
}
