/**
 * The YAML study config as validated records ({@link org.barq.experiments.study.config.StudyConfig} and its parts),
 * read strictly by {@link org.barq.experiments.study.config.StudyConfigs}: an unknown key or a bad value fails with
 * one line naming the key path and the value.
 */
package org.barq.experiments.study.config;
