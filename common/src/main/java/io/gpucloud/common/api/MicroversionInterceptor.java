package io.gpucloud.common.api;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Negotiates the microversion of every request before its handler runs, echoes it in the response
 * ({@code OpenStack-API-Version: <service> <version>}, {@code Vary: OpenStack-API-Version}) and lets
 * handlers take it as an {@link ApiVersion} parameter. A version out of range fails here with a 406 that
 * the service's fault handler renders.
 */
public final class MicroversionInterceptor implements HandlerInterceptor, HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = ApiVersion.class.getName();

    private final MicroversionNegotiator negotiator;
    private final String serviceType;

    public MicroversionInterceptor(String serviceType, MicroversionNegotiator negotiator) {
        this.serviceType = requireNonNull(serviceType, "serviceType is null");
        this.negotiator = requireNonNull(negotiator, "negotiator is null");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader("Vary", MicroversionNegotiator.STANDARD_HEADER);
        ApiVersion version = negotiator.negotiate(request::getHeader);
        request.setAttribute(ATTRIBUTE, version);
        response.setHeader(MicroversionNegotiator.STANDARD_HEADER, serviceType + " " + version);
        return true;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(ApiVersion.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object version = webRequest.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return version != null ? version : negotiator.negotiate(webRequest::getHeader);
    }

    public MicroversionNegotiator negotiator() {
        return negotiator;
    }
}
