package io.ledger.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Labels the ledger's JSON by what it is: a problem {@code application/problem+json}, anything else
 * {@code application/json}. The controllers declare that they produce both, so that Spring refuses an Accept they
 * cannot answer with {@code 406} before a handler writes anything; Spring then labels a body with whichever of the
 * two the Accept header names first, which would make a {@code 404} answered to {@code *}{@code /*} plain JSON, and
 * a migration planned for a client that accepts only problems a problem.
 */
@RestControllerAdvice
class JsonContentType implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(selected)
                || MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(selected)) {
            response.getHeaders().setContentType(body instanceof ProblemDetail
                    ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        }
        return body;
    }
}
