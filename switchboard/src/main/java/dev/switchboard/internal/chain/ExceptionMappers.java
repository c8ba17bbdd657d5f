package dev.switchboard.internal.chain;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.switchboard.GrpcExceptionMapper;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;

/** Finds the exception type each {@link GrpcExceptionMapper} bean handles, and builds the {@link ExceptionMapping}. */
public final class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    private ExceptionMappers() {
    }

    /** The {@code E} of a {@code GrpcExceptionMapper<E>} bean, or null when the bean is no mapper. */
    public static Class<?> handledType(Bean<?> bean) {
        for (Type type : bean.getTypes()) {
            if (type instanceof ParameterizedType p && p.getRawType() == GrpcExceptionMapper.class) {
                Type handled = p.getActualTypeArguments()[0];
                if (handled instanceof Class<?> c) {
                    return c;
                }
                if (handled instanceof ParameterizedType hp && hp.getRawType() instanceof Class<?> c) {
                    return c;
                }
            }
        }
        return null;
    }

    public static ExceptionMapping resolve(List<Bean<?>> beans, BeanManager beanManager, List<CreationalContext<?>> contexts) {
        Map<Class<?>, GrpcExceptionMapper<?>> mappers = new HashMap<>();
        Map<Class<?>, Bean<?>> owners = new HashMap<>();
        for (Bean<?> bean : beans) {
            Class<?> handled = handledType(bean);
            Bean<?> twin = owners.putIfAbsent(handled, bean);
            if (twin != null) {
                throw new DeploymentException("Two exception mappers handle " + handled.getName() + ": " + twin.getBeanClass().getName()
                        + " and " + bean.getBeanClass().getName() + ". Keep one.");
            }
            CreationalContext<?> context = beanManager.createCreationalContext(bean);
            contexts.add(context);
            Type mapperType = bean.getTypes().stream()
                    .filter(t -> t instanceof ParameterizedType p && p.getRawType() == GrpcExceptionMapper.class)
                    .findFirst().orElseThrow();
            mappers.put(handled, (GrpcExceptionMapper<?>) beanManager.getReference(bean, mapperType, context));
        }
        addBeanValidation(mappers);
        return new ExceptionMapping(mappers);
    }

    /** Bean Validation out of the box, when it is on the class path and the application maps it no other way. */
    private static void addBeanValidation(Map<Class<?>, GrpcExceptionMapper<?>> mappers) {
        try {
            Class<?> violations = Class.forName("jakarta.validation.ConstraintViolationException", false,
                    ExceptionMappers.class.getClassLoader());
            mappers.putIfAbsent(violations, new ConstraintViolationMapper());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.FINE, "no Bean Validation on the class path", e);
        }
    }
}
