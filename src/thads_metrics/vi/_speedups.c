/*
 * thads_metrics.vi._speedups: the number writer of format_number in C
 * (bộ viết số, bản biên dịch).
 *
 * NumberWriter(group, point, minus, decimal_type, max_digits, max_decimals)
 * makes a writer whose ``write(value, decimals, fixed)`` returns the text that
 * thads_metrics.vi.format writes for ``value`` in pure Python: grouped
 * integer digits, ``decimals`` places rounded half up (away from zero on a
 * tie), trailing zeros dropped unless ``fixed``, never "-0". It returns None
 * for everything it does not write itself (another type, a bool, a Decimal
 * subclass, NaN or infinity, a magnitude at or above 10**max_digits, decimals
 * out of range or not an int, fixed not a bool, a Decimal of more than
 * MAX_TEXT characters): the pure-Python writer then writes it or raises the
 * error that names it. A Decimal too small to show (1E-1000000000000000000)
 * is written "0", as the pure writer writes it. Both writers are compared by property tests
 * (tests/test_vi_speedups.py).
 *
 * Why C: the pure-Python writer costs about a microsecond a value (a
 * quantize, a format and three replaces), an eighth of babel's
 * format_decimal; this one reads the digits of ``str(value)`` (ints: of the
 * machine word) and writes the text in one pass. It is optional: where it
 * cannot be built (no compiler, another interpreter than CPython) the
 * package uses the pure-Python writer, with the same output.
 *
 * Exactness: no floating point anywhere; a Decimal is read from its exact
 * decimal string (coefficient digits and exponent), rounded on those digits.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* A Decimal whose text is longer is left to the pure-Python writer. */
#define MAX_TEXT 1000
/* Room for the output: sign, 2 x MAX_TEXT digits, separators, point. */
#define OUT_SIZE 4096
/* The largest exponent read from a Decimal's text (it is held there). */
#define EXPONENT_CAP 100000000000000000LL

typedef struct {
    PyObject_HEAD
    PyObject *decimal_type; /* decimal.Decimal: written when type(value) is exactly this */
    PyObject *limit;        /* 10**max_digits: ints at or beyond +-limit are left alone */
    PyObject *neg_limit;
    unsigned long long word_limit; /* 10**max_digits if it fits a machine word, else 0 */
    char group;             /* "." in CLDR vi */
    char point;             /* "," in CLDR vi */
    char minus;             /* "-" in CLDR vi */
    Py_ssize_t max_digits;  /* integer digits: magnitudes below 10**max_digits */
    Py_ssize_t max_decimals;
} NumberWriter;

/* Write sign, grouped integer digits and the fraction into a new str. */
static PyObject *
emit(const NumberWriter *self, int negative, const char *whole, Py_ssize_t nwhole,
     const char *frac, Py_ssize_t nfrac)
{
    char out[OUT_SIZE];
    Py_ssize_t n = 0, i;
    if (negative) {
        out[n++] = self->minus;
    }
    for (i = 0; i < nwhole; i++) {
        if (i > 0 && (nwhole - i) % 3 == 0) {
            out[n++] = self->group;
        }
        out[n++] = whole[i];
    }
    if (nfrac > 0) {
        out[n++] = self->point;
        memcpy(out + n, frac, (size_t)nfrac);
        n += nfrac;
    }
    PyObject *text = PyUnicode_New(n, 127);
    if (text == NULL) {
        return NULL;
    }
    memcpy(PyUnicode_1BYTE_DATA(text), out, (size_t)n);
    return text;
}

/* The UTF-8 of str(value), held by *text (a new reference); NULL with an error set. */
static const char *
text_of(PyObject *value, PyObject **text, Py_ssize_t *length)
{
    *text = PyObject_Str(value);
    if (*text == NULL) {
        return NULL;
    }
    const char *s = PyUnicode_AsUTF8AndSize(*text, length);
    if (s == NULL) {
        Py_CLEAR(*text);
    }
    return s;
}

static PyObject *
write_int(const NumberWriter *self, PyObject *value, Py_ssize_t decimals, int fixed)
{
    char digits[OUT_SIZE];
    char zeros[OUT_SIZE];
    const char *whole;
    Py_ssize_t nwhole;
    int negative, overflow;
    PyObject *text = NULL;

    long long small = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (small == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (!overflow) {
        unsigned long long magnitude;
        Py_ssize_t n = 0;
        negative = small < 0;
        magnitude = negative ? 0ULL - (unsigned long long)small : (unsigned long long)small;
        if (self->word_limit && magnitude >= self->word_limit) {
            Py_RETURN_NONE;
        }
        do {
            digits[sizeof digits - 1 - n++] = (char)('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude);
        whole = digits + sizeof digits - n;
        nwhole = n;
    }
    else {
        int inside = PyObject_RichCompareBool(value, self->limit, Py_LT);
        if (inside == 1) {
            inside = PyObject_RichCompareBool(value, self->neg_limit, Py_GT);
        }
        if (inside < 0) {
            return NULL;
        }
        if (!inside) {
            Py_RETURN_NONE;
        }
        const char *s = text_of(value, &text, &nwhole);
        if (s == NULL) {
            return NULL;
        }
        negative = s[0] == '-';
        whole = s + negative;
        nwhole -= negative;
    }
    Py_ssize_t nfrac = fixed ? decimals : 0;
    memset(zeros, '0', (size_t)nfrac);
    PyObject *result = emit(self, negative, whole, nwhole, zeros, nfrac);
    Py_XDECREF(text);
    return result;
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static PyObject *
write_decimal(const NumberWriter *self, PyObject *value, Py_ssize_t decimals, int fixed)
{
    /* coefficient digits (leading zeros dropped) and the exponent of str(value) */
    char coefficient[MAX_TEXT];
    Py_ssize_t ncoef = 0, nfracdigits = 0, length, i = 0;
    long long exponent = 0;
    int negative = 0, seen_point = 0, result_zero;

    PyObject *text;
    const char *s = text_of(value, &text, &length);
    if (s == NULL) {
        return NULL;
    }
    if (length > MAX_TEXT) {
        goto not_mine;
    }
    if (s[i] == '-') {
        negative = 1;
        i++;
    }
    if (i >= length || !is_digit(s[i])) { /* Infinity, NaN, sNaN */
        goto not_mine;
    }
    for (; i < length; i++) {
        char c = s[i];
        if (is_digit(c)) {
            if (ncoef > 0 || c != '0') {
                coefficient[ncoef++] = c;
            }
            if (seen_point) {
                nfracdigits++;
            }
        }
        else if (c == '.' && !seen_point) {
            seen_point = 1;
        }
        else {
            break;
        }
    }
    if (i < length) { /* "E+5", "e-7": the exponent of the scientific form */
        int exponent_negative = 0;
        Py_ssize_t nexp = 0;
        if (s[i] != 'E' && s[i] != 'e') {
            goto not_mine;
        }
        i++;
        if (i < length && (s[i] == '+' || s[i] == '-')) {
            exponent_negative = s[i] == '-';
            i++;
        }
        for (; i < length && is_digit(s[i]); i++, nexp++) {
            /* Held at 10**17 at most: beyond, a value is far too large (the pure writer
               refuses it) or rounds to zero at any number of decimals (MAX_TEXT). */
            if (exponent < EXPONENT_CAP) {
                exponent = exponent * 10 + (s[i] - '0');
            }
        }
        if (nexp == 0 || i != length) {
            goto not_mine;
        }
        if (exponent_negative) {
            exponent = -exponent;
        }
    }
    exponent -= nfracdigits; /* value = coefficient x 10**exponent */
    if (ncoef > 0 && exponent + ncoef > self->max_digits) {
        goto not_mine; /* adjusted() >= max_digits: the pure writer refuses it */
    }

    /* The value x 10**decimals, rounded half up, as digits (none: zero). */
    char scaled[OUT_SIZE];
    Py_ssize_t nscaled = 0;
    long long shift = exponent + decimals;
    if (ncoef == 0) {
        nscaled = 0;
    }
    else if (shift >= 0) {
        memcpy(scaled, coefficient, (size_t)ncoef);
        memset(scaled + ncoef, '0', (size_t)shift);
        nscaled = ncoef + (Py_ssize_t)shift;
    }
    else if (-shift > ncoef) {
        nscaled = 0; /* the first digit dropped is a leading zero */
    }
    else {
        Py_ssize_t keep = ncoef - (Py_ssize_t)(-shift);
        memcpy(scaled + 1, coefficient, (size_t)keep);
        if (coefficient[keep] >= '5') { /* half or more: away from zero */
            Py_ssize_t j = keep;
            while (j > 0 && scaled[j] == '9') {
                scaled[j--] = '0';
            }
            if (j > 0) {
                scaled[j]++;
                memmove(scaled, scaled + 1, (size_t)keep);
                nscaled = keep;
            }
            else {
                scaled[0] = '1'; /* 999.95 -> 1000.0: one more digit */
                nscaled = keep + 1;
            }
        }
        else {
            memmove(scaled, scaled + 1, (size_t)keep);
            nscaled = keep;
        }
    }
    result_zero = 1;
    for (i = 0; i < nscaled; i++) {
        if (scaled[i] != '0') {
            result_zero = 0;
            break;
        }
    }
    Py_DECREF(text);

    /* Split into whole and fraction. */
    char padded[OUT_SIZE];
    const char *whole, *frac;
    Py_ssize_t nwhole, nfrac;
    if (nscaled > decimals) {
        whole = scaled;
        nwhole = nscaled - decimals;
        frac = scaled + nwhole;
        nfrac = decimals;
    }
    else {
        whole = "0";
        nwhole = 1;
        memset(padded, '0', (size_t)(decimals - nscaled));
        memcpy(padded + decimals - nscaled, scaled, (size_t)nscaled);
        frac = padded;
        nfrac = decimals;
    }
    if (!fixed) {
        while (nfrac > 0 && frac[nfrac - 1] == '0') {
            nfrac--;
        }
    }
    return emit(self, negative && !result_zero, whole, nwhole, frac, nfrac);

not_mine:
    Py_DECREF(text);
    Py_RETURN_NONE;
}

static PyObject *
writer_write(NumberWriter *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "write() takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    PyObject *value = args[0], *places = args[1], *fixed = args[2];
    int overflow;
    if (!PyLong_CheckExact(places) || (fixed != Py_True && fixed != Py_False)) {
        Py_RETURN_NONE;
    }
    long decimals = PyLong_AsLongAndOverflow(places, &overflow);
    if (overflow || decimals < 0 || decimals > self->max_decimals) {
        Py_RETURN_NONE;
    }
    if (PyLong_CheckExact(value)) {
        return write_int(self, value, (Py_ssize_t)decimals, fixed == Py_True);
    }
    if (Py_IS_TYPE(value, (PyTypeObject *)self->decimal_type)) {
        return write_decimal(self, value, (Py_ssize_t)decimals, fixed == Py_True);
    }
    Py_RETURN_NONE;
}

static int
symbol(int c, const char *name)
{
    if (c <= 0 || c >= 128 || is_digit((char)c)) {
        PyErr_Format(PyExc_ValueError, "%s must be one ASCII character, not a digit", name);
        return 0;
    }
    return 1;
}

static PyObject *
writer_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"group", "point", "minus", "decimal_type", "max_digits",
                               "max_decimals", NULL};
    int group, point, minus;
    PyObject *decimal_type;
    Py_ssize_t max_digits, max_decimals;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "CCCO!nn:NumberWriter", keywords, &group,
                                     &point, &minus, &PyType_Type, &decimal_type, &max_digits,
                                     &max_decimals)) {
        return NULL;
    }
    if (!symbol(group, "group") || !symbol(point, "point") || !symbol(minus, "minus")) {
        return NULL;
    }
    /* Output bounds: 2 x max digits, their separators, sign and point fit OUT_SIZE. */
    if (max_digits < 1 || max_digits > MAX_TEXT || max_decimals < 0 ||
        max_decimals > MAX_TEXT) {
        PyErr_SetString(PyExc_ValueError, "max_digits and max_decimals must be in 1..1000");
        return NULL;
    }
    NumberWriter *self = (NumberWriter *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    PyObject *ten = PyLong_FromLong(10);
    PyObject *exponent = PyLong_FromSsize_t(max_digits);
    self->limit = (ten && exponent) ? PyNumber_Power(ten, exponent, Py_None) : NULL;
    Py_XDECREF(ten);
    Py_XDECREF(exponent);
    self->neg_limit = self->limit ? PyNumber_Negative(self->limit) : NULL;
    if (self->neg_limit == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    Py_INCREF(decimal_type);
    self->decimal_type = decimal_type;
    self->group = (char)group;
    self->point = (char)point;
    self->minus = (char)minus;
    self->max_digits = max_digits;
    self->word_limit = 0;
    if (max_digits <= 19) { /* 10**19 < 2**64 */
        Py_ssize_t i;
        self->word_limit = 1;
        for (i = 0; i < max_digits; i++) {
            self->word_limit *= 10;
        }
    }
    self->max_decimals = max_decimals;
    return (PyObject *)self;
}

static int
writer_traverse(NumberWriter *self, visitproc visit, void *arg)
{
    Py_VISIT(self->decimal_type);
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static int
writer_clear(NumberWriter *self)
{
    Py_CLEAR(self->decimal_type);
    Py_CLEAR(self->limit);
    Py_CLEAR(self->neg_limit);
    return 0;
}

static void
writer_dealloc(NumberWriter *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    writer_clear(self);
    type->tp_free((PyObject *)self);
    Py_DECREF(type);
}

static PyMethodDef writer_methods[] = {
    {"write", (PyCFunction)(void (*)(void))writer_write, METH_FASTCALL,
     "write(value, decimals, fixed) -> str | None: the Vietnamese text of value, or None "
     "where the pure-Python writer must write it."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot writer_slots[] = {
    {Py_tp_new, writer_new},
    {Py_tp_dealloc, writer_dealloc},
    {Py_tp_traverse, writer_traverse},
    {Py_tp_clear, writer_clear},
    {Py_tp_methods, writer_methods},
    {Py_tp_doc, "NumberWriter(group, point, minus, decimal_type, max_digits, max_decimals): "
                "the number writer of thads_metrics.vi.format_number, in C."},
    {0, NULL},
};

static PyType_Spec writer_spec = {
    .name = "thads_metrics.vi._speedups.NumberWriter",
    .basicsize = sizeof(NumberWriter),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = writer_slots,
};

static int
speedups_exec(PyObject *module)
{
    PyObject *type = PyType_FromModuleAndSpec(module, &writer_spec, NULL);
    if (type == NULL) {
        return -1;
    }
    int rc = PyModule_AddObjectRef(module, "NumberWriter", type);
    Py_DECREF(type);
    return rc;
}

static PyModuleDef_Slot speedups_slots[] = {
    {Py_mod_exec, speedups_exec},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* no state: safe without the GIL */
#endif
    {0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "thads_metrics.vi._speedups",
    .m_doc = "The number writer of thads_metrics.vi.format_number, in C (optional).",
    .m_size = 0,
    .m_slots = speedups_slots,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&speedups_module);
}
