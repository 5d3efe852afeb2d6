package io.ledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.Set;

/**
 * An endpoint of the API that reads no query parameter refuses any, as those that read some refuse the ones they do
 * not know ({@link QueryParameters}): {@code GET /migrations/{id}?asOf=…} would otherwise answer the current state
 * to a postmortem asking for an earlier one, and {@code POST …/events?dryRun=true} would record the event for real.
 * Checked before the handler runs, so a refused write writes nothing.
 */
@Configuration(proxyBeanMethods = false)
class ParameterlessEndpoints implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && !request.getParameterMap().isEmpty() && readsNone(method)) {
            LinkedMultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
            request.getParameterMap().forEach((name, values) -> parameters.addAll(name, Arrays.asList(values)));
            new QueryParameters(parameters, Set.of()).throwIfAny();
        }
        return true;
    }

    private static boolean readsNone(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .noneMatch(parameter -> parameter.hasParameterAnnotation(RequestParam.class));
    }
}
