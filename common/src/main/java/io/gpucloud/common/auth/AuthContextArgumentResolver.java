package io.gpucloud.common.auth;

import io.gpucloud.common.api.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method take the caller's {@link AuthContext} as a parameter. */
public final class AuthContextArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(AuthContext.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object context = webRequest.getAttribute(AuthContext.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (context == null) {
            throw ApiException.unauthorized();
        }
        return context;
    }
}
