/**
 * The organisation: departments (专业部门), positions (岗位), users with role and scope,
 * the responsibility matrix and the working calendar.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisation")
package org.cityops.org;
