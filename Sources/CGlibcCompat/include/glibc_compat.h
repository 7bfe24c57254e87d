// Nothing to import: the target only contributes the __wrap_ functions of glibc_compat.c to the link.
