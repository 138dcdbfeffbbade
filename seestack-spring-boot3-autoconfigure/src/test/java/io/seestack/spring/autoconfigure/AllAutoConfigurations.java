package io.seestack.spring.autoconfigure;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * Every auto-configuration on the class path, Boot 3.5's and the starter's (the Boot 4 twins included), read from
 * the imports files as a Boot 3.5 application reads them.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AllAutoConfigurations {

}
