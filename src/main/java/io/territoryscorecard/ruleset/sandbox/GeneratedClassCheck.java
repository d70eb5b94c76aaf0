package io.territoryscorecard.ruleset.sandbox;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What rules may touch, the first half of the sandbox (the second is {@link BudgetInstrumentation}). Drools has no
 * sandbox, so this one inspects the classes the executable model generates from the rule files — what the rules really
 * call, whatever the DRL text looks like (fully qualified names, imports, functions, string tricks) — and checks every
 * call, field, type, lambda and bootstrap against an allowlist: the fact vocabulary, plain values (text, numbers,
 * decimals, dates, collections) and the parts of Drools generated code needs.
 */
public final class GeneratedClassCheck {

    /** Where the generated classes of user rules live: the DRL package every rule file must declare. */
    public static final String RULE_PACKAGE = "scorecard/";
    private static final String PROJECT_MODEL = "org/drools/project/model/ProjectModel_";
    private static final String FACTS = "io/territoryscorecard/ruleset/fact/";
    private static final String BUDGET = Type.getInternalName(RuleBudget.class);

    /** Classes whose every member rules may use (the members Object declares are checked as Object's). */
    private static final Set<String> OPEN_CLASSES = Set.of(
            "java/lang/String", "java/lang/StringBuilder", "java/lang/CharSequence", "java/lang/Comparable",
            "java/lang/Iterable", "java/lang/Number", "java/lang/Math", "java/lang/StrictMath", "java/lang/Enum",
            "java/lang/Integer", "java/lang/Long", "java/lang/Double", "java/lang/Float", "java/lang/Short",
            "java/lang/Byte", "java/lang/Boolean", "java/lang/Character", "java/lang/Record",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/MathContext", "java/math/RoundingMode",
            "java/util/List", "java/util/ArrayList", "java/util/LinkedList", "java/util/Map", "java/util/HashMap",
            "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/Map$Entry", "java/util/Set",
            "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/Collection",
            "java/util/Collections", "java/util/Arrays", "java/util/Iterator", "java/util/ListIterator",
            "java/util/Objects", "java/util/Optional", "java/util/Comparator", "java/util/StringJoiner",
            "java/util/Locale");
    /** Packages whose classes rules may use entirely. */
    private static final List<String> OPEN_PACKAGES = List.of(FACTS, "java/time/", "java/util/function/",
            "java/util/stream/", "org/drools/model/", "org/drools/core/base/accumulators/");
    /** Single members rules may use. */
    private static final Set<String> OPEN_MEMBERS = Set.of(
            "java/lang/Object.<init>", "java/lang/Object.equals", "java/lang/Object.hashCode",
            "java/lang/Object.toString", "java/lang/System.arraycopy", "java/lang/Throwable.getMessage",
            "java/lang/IllegalArgumentException.<init>", "java/lang/IllegalStateException.<init>",
            "java/lang/RuntimeException.<init>", "java/lang/ArithmeticException.<init>",
            "java/lang/UnsupportedOperationException.<init>",
            "org/kie/api/definition/rule/Rule.getName", "org/drools/util/DateUtils.getDateFormatMask");
    /** Members of open classes or packages that are still closed: they reach outside the facts. */
    private static final Set<String> CLOSED_MEMBERS = Set.of(
            "java/lang/Integer.getInteger", "java/lang/Long.getLong", "java/lang/Boolean.getBoolean",
            "java/lang/String.matches", "java/lang/String.replaceAll", "java/lang/String.replaceFirst",
            "java/lang/String.split", "java/time/Clock.systemDefaultZone", "java/util/Locale.setDefault");
    /**
     * Methods that hand rule code to other threads (parallel streams, sorts, prefix sums): rules run on the thread
     * whose budget bounds them, so these are closed wherever they are declared.
     */
    private static final Set<String> CLOSED_MEMBER_NAMES = Set.of("parallel", "parallelStream", "parallelSort",
            "parallelSetAll", "parallelPrefix");
    /** Classes of open packages that are still closed: StreamSupport makes parallel streams from spliterators. */
    private static final Set<String> CLOSED_CLASSES = Set.of("java/util/stream/StreamSupport");
    /** The only Drools modelcompiler classes generated rules need. */
    private static final Set<String> DROOLS_HELPERS = Set.of("org/drools/modelcompiler/dsl/pattern/D",
            "org/drools/modelcompiler/util/EvaluationUtil");
    /** What a rule consequence may do with the {@code drools} handle: derive facts, and know its own name. */
    private static final Set<String> DROOLS_HANDLE = Set.of("insert", "insertLogical", "update", "delete",
            "getRule");
    private static final Set<String> ALLOWED_BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            // equals, hashCode and toString of a record declared in a function, over the record's own fields
            "java/lang/runtime/ObjectMethods.bootstrap");
    private static final Set<String> UNCATCHABLE = Set.of("java/lang/Throwable", "java/lang/Error",
            "java/lang/VirtualMachineError", "java/lang/StackOverflowError", "java/lang/OutOfMemoryError", BUDGET,
            BUDGET + "$Exceeded");
    /** What the generated project model (from our own generated kmodule, never from rule text) may use. */
    private static final List<String> PROJECT_MODEL_PACKAGES = List.of("org/kie/api/", "org/kie/util/maven/",
            "org/drools/modelcompiler/CanonicalKieModuleModel", "org/drools/model/", RULE_PACKAGE, "java/lang/",
            "java/util/");

    /**
     * The lambda-deserialization method the compiler adds to a class with serializable lambdas (Drools' queries): it
     * reads the {@link java.lang.invoke.SerializedLambda} it is given, and nothing else may.
     */
    private static final String DESERIALIZE_LAMBDA = "$deserializeLambda$";
    private static final String SERIALIZED_LAMBDA = "java/lang/invoke/SerializedLambda";
    /** The prefix of the synthetic method and field in which the compiler caches the table of an enum switch. */
    private static final String SWITCH_TABLE = "$SWITCH_TABLE$";
    private static final String NO_SUCH_FIELD = "java/lang/NoSuchFieldError";

    /** Types rules may name without using any member of them: what declared fact types implement. */
    private static final Set<String> OPAQUE_TYPES = Set.of("java/lang/Class", "java/io/Serializable",
            "org/drools/base/factmodel/GeneratedFact", "org/drools/base/factmodel/AccessibleFact");

    /**
     * One thing a rule reaches that it may not, found in a generated class: {@code what} in words, {@code target} the
     * class or member as written in Java ("java.lang.System.exit").
     */
    public record Violation(String className, String methodName, String what, String target) {
    }

    /** Checks the generated classes; returns every violation (empty when the rules stay inside the vocabulary). */
    public List<Violation> check(Map<String, byte[]> classes) {
        Map<String, ClassInfo> generated = new HashMap<>();
        classes.forEach((name, bytes) -> generated.put(internalName(name), ClassInfo.read(bytes)));
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(classes).entrySet()) {
            String owner = internalName(entry.getKey());
            if (owner.startsWith(RULE_PACKAGE)) {
                new ClassReader(entry.getValue()).accept(new Checker(owner, generated, violations), 0);
            } else if (owner.startsWith(PROJECT_MODEL) && owner.indexOf('/', PROJECT_MODEL.length()) < 0) {
                checkProjectModel(owner, generated.get(owner), violations);
            } else {
                violations.add(new Violation(owner, "", "is a class outside package 'scorecard': every rule file must "
                        + "declare 'package scorecard;'", readable(owner)));
            }
        }
        return violations;
    }

    public static String internalName(String fileName) {
        return fileName.endsWith(".class") ? fileName.substring(0, fileName.length() - 6) : fileName;
    }

    private static void checkProjectModel(String owner, ClassInfo info, List<Violation> violations) {
        for (String reference : info.references) {
            String type = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
            if (!type.equals(owner) && PROJECT_MODEL_PACKAGES.stream().noneMatch(type::startsWith)) {
                violations.add(new Violation(owner, "", "project model uses " + readable(reference),
                        readable(reference)));
            }
        }
    }

    /** Whether rules may use a type at all (as a value, a cast, a class constant, a catch). */
    private static boolean typeAllowed(String type, Map<String, ClassInfo> generated) {
        if (type.startsWith("[")) {
            Type element = Type.getType(type).getElementType();
            return element.getSort() != Type.OBJECT || typeAllowed(element.getInternalName(), generated);
        }
        // Class objects may be passed around (generated metadata returns them) but none of their members is open.
        return generated.containsKey(type) || type.equals("java/lang/Object") || OPAQUE_TYPES.contains(type)
                || OPEN_CLASSES.contains(type)
                || OPEN_PACKAGES.stream().anyMatch(type::startsWith) || DROOLS_HELPERS.contains(type)
                || type.equals("org/kie/api/definition/rule/Rule")
                || OPEN_MEMBERS.stream().anyMatch(member -> member.startsWith(type + "."));
    }

    /** Whether rules may use a member, decided on the class that declares it. */
    private static boolean memberAllowed(String declaringClass, String member, Map<String, ClassInfo> generated) {
        String key = declaringClass + "." + member;
        if (CLOSED_MEMBERS.contains(key) || CLOSED_CLASSES.contains(declaringClass)
                || (declaringClass.startsWith("java/") && CLOSED_MEMBER_NAMES.contains(member))) {
            return false;
        }
        if (declaringClass.equals("org/drools/model/Drools")) {
            return DROOLS_HANDLE.contains(member);
        }
        return generated.containsKey(declaringClass) || OPEN_MEMBERS.contains(key)
                || OPEN_CLASSES.contains(declaringClass) || DROOLS_HELPERS.contains(declaringClass)
                || OPEN_PACKAGES.stream().anyMatch(declaringClass::startsWith);
    }

    /**
     * The classes that declare a method or field of this name visible from {@code owner}: a call of
     * {@code "".getClass()} is compiled as {@code String.getClass} but is {@code Object.getClass}.
     */
    private static Set<String> declaringClasses(String owner, String name, boolean field,
            Map<String, ClassInfo> generated) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(owner));
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            String type = pending.pop();
            if (type == null || !visited.add(type)) {
                continue;
            }
            ClassInfo info = generated.get(type);
            if (info != null) {
                if ((field ? info.fields : info.methods).contains(name)) {
                    result.add(type);
                    continue;
                }
                pending.add(info.superName);
                pending.addAll(info.interfaces);
                continue;
            }
            Class<?> type0 = load(type);
            if (type0 == null) {
                result.add(type);
                continue;
            }
            if (declares(type0, name, field)) {
                result.add(type);
                continue;
            }
            if (type0.getSuperclass() != null) {
                pending.add(Type.getInternalName(type0.getSuperclass()));
            } else if (type0.isInterface()) {
                pending.add("java/lang/Object");
            }
            for (Class<?> itf : type0.getInterfaces()) {
                pending.add(Type.getInternalName(itf));
            }
        }
        if (result.isEmpty()) {
            result.add(owner);
        }
        return result;
    }

    private static boolean declares(Class<?> type, String name, boolean field) {
        try {
            if (field) {
                return java.util.Arrays.stream(type.getDeclaredFields()).anyMatch(f -> f.getName().equals(name));
            }
            List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
            members.addAll(List.of(type.getDeclaredConstructors()));
            return members.stream().anyMatch(m -> (m instanceof Constructor<?> ? "<init>" : ((Method) m).getName())
                    .equals(name));
        } catch (LinkageError | SecurityException e) {
            return true;
        }
    }

    /** Loads a class only to look at its members; never one that is not part of the platform or the application. */
    private static Class<?> load(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, GeneratedClassCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Visits one generated class of user rules and records every use outside the allowlist. */
    private static final class Checker extends ClassVisitor {

        private final String owner;
        private final Map<String, ClassInfo> generated;
        private final List<Violation> violations;

        Checker(String owner, Map<String, ClassInfo> generated, List<Violation> violations) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.generated = generated;
            this.violations = violations;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            type("", superName, "extends");
            if (interfaces != null) {
                for (String itf : interfaces) {
                    type("", itf, "implements");
                }
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                violations.add(new Violation(owner, name, "uses synchronized code (threads are outside the rules)",
                        "synchronized"));
            }
            boolean synthetic = (access & Opcodes.ACC_SYNTHETIC) != 0;
            boolean deserializer = synthetic && name.equals(DESERIALIZE_LAMBDA)
                    && descriptor.equals("(L" + SERIALIZED_LAMBDA + ";)Ljava/lang/Object;");
            boolean switchTable = synthetic && generated.get(owner).switchTables.contains(name);
            if (!deserializer) {
                for (Type argument : Type.getArgumentTypes(descriptor)) {
                    descriptorType(name, argument);
                }
            }
            descriptorType(name, Type.getReturnType(descriptor));
            String method = name;
            return new RethrowingHandlers(new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String callee, String member, String desc, boolean itf) {
                    boolean readsSerializedLambda = deserializer && callee.equals(SERIALIZED_LAMBDA)
                            && member.startsWith("get");
                    // what the compiler writes for an assert: a class constant's assertion status, in <clinit>
                    boolean assertionStatus = method.equals("<clinit>") && callee.equals("java/lang/Class")
                            && member.equals("desiredAssertionStatus");
                    if (!readsSerializedLambda && !assertionStatus) {
                        member(method, callee, member, false);
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String fieldOwner, String field, String desc) {
                    boolean cachesSwitchTable = switchTable && fieldOwner.equals(owner) && field.equals(method);
                    if (opcode == Opcodes.PUTSTATIC && !method.equals("<clinit>") && !cachesSwitchTable) {
                        violations.add(new Violation(owner, method, "writes static state "
                                + readable(fieldOwner) + "." + field + " (rules may only derive facts)",
                                readable(fieldOwner) + "." + field));
                    }
                    member(method, fieldOwner, field, true);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (!(deserializer && type.equals(SERIALIZED_LAMBDA))) {
                        type(method, type, opcode == Opcodes.NEW ? "creates" : "uses");
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                    type(method, descriptor, "uses");
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                        type(method, type.getInternalName(), "uses the class");
                    } else if (value instanceof Handle handle) {
                        member(method, handle.getOwner(), handle.getName(), false);
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                    String key = bootstrap.getOwner() + "." + bootstrap.getName();
                    if (!ALLOWED_BOOTSTRAPS.contains(key)) {
                        violations.add(new Violation(owner, method, "uses " + readable(key), readable(key)));
                    }
                    for (Object arg : args) {
                        if (arg instanceof Handle handle) {
                            member(method, handle.getOwner(), handle.getName(),
                                    handle.getTag() <= Opcodes.H_PUTSTATIC);
                        }
                    }
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (switchTable && NO_SUCH_FIELD.equals(type)) {
                        // the table skips constants missing from the enum at run time; its shape is checked
                        return;
                    }
                    if (type == null || UNCATCHABLE.contains(type)) {
                        String caught = type == null ? "finally" : readable(type);
                        violations.add(new Violation(owner, method, "catches "
                                + (type == null ? "everything (finally)" : caught)
                                + " (rules may not stop the time budget or errors)", caught));
                    } else {
                        type(method, type, "catches");
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        violations.add(new Violation(owner, method,
                                "uses synchronized code (threads are outside the rules)", "synchronized"));
                    }
                }
            });
        }

        private void descriptorType(String method, Type type) {
            Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
            if (element.getSort() == Type.OBJECT) {
                type(method, element.getInternalName(), "uses");
            }
        }

        private void type(String method, String type, String verb) {
            if (type != null && !typeAllowed(type, generated)) {
                violations.add(new Violation(owner, method, verb + " " + readable(type), readable(type)));
            }
        }

        private void member(String method, String memberOwner, String member, boolean field) {
            if (memberOwner.startsWith("[")) {
                memberOwner = "java/lang/Object";
            }
            for (String declaring : declaringClasses(memberOwner, member, field, generated)) {
                if (!memberAllowed(declaring, member, generated)) {
                    String target = member.equals("<init>") ? readable(declaring) : readable(declaring) + "." + member;
                    violations.add(new Violation(owner, method, (field ? "reads " : member.equals("<init>")
                            ? "creates " : "calls ") + target, target));
                }
            }
        }
    }

    /**
     * Drools wraps the body of every DRL function in {@code try { ... } catch (Exception e) { throw new
     * RuntimeException(e); }}. A handler that only rethrows stops nothing (and the time budget is an Error, which it
     * does not catch), so such a catch of {@code Exception} is not passed on to the checker; every other catch is.
     */
    private static final class RethrowingHandlers extends MethodVisitor {

        private static final String WRAPPER = "java/lang/RuntimeException";
        /** The handler's instructions: store the exception, wrap it, throw the wrapper. */
        private static final List<String> RETHROW = List.of(Opcodes.ASTORE + " *", Opcodes.NEW + " " + WRAPPER,
                Opcodes.DUP + " ", Opcodes.ALOAD + " *", Opcodes.INVOKESPECIAL + " " + WRAPPER
                        + ".<init>(Ljava/lang/Throwable;)V", Opcodes.ATHROW + " ");

        private final Map<Label, Label[]> handlers = new HashMap<>();
        private Label current;
        private int step;
        private int local;

        RethrowingHandlers(MethodVisitor checker) {
            super(Opcodes.ASM9, checker);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if ("java/lang/Exception".equals(type)) {
                handlers.put(handler, new Label[] {start, end});
            } else {
                super.visitTryCatchBlock(start, end, handler, type);
            }
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            if (handlers.containsKey(label)) {
                current = label;
                step = 0;
            }
        }

        private void instruction(int opcode, String operand) {
            if (current == null) {
                return;
            }
            String expected = RETHROW.get(step);
            boolean matches = expected.equals(opcode + " " + operand) || expected.equals(opcode + " *")
                    && (step == 0 || operand.equals(String.valueOf(local)));
            if (!matches) {
                current = null;
                return;
            }
            if (step == 0) {
                local = Integer.parseInt(operand);
            }
            if (++step == RETHROW.size()) {
                handlers.remove(current);
                current = null;
            }
        }

        @Override
        public void visitEnd() {
            handlers.forEach((handler, range) -> super.visitTryCatchBlock(range[0], range[1], handler,
                    "java/lang/Exception"));
            super.visitEnd();
        }

        @Override
        public void visitInsn(int opcode) {
            instruction(opcode, "");
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            instruction(opcode, "#" + operand);
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            instruction(opcode, String.valueOf(var));
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            instruction(opcode, type);
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            instruction(opcode, owner + "." + name);
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            instruction(opcode, owner + "." + name + descriptor);
            super.visitMethodInsn(opcode, owner, name, descriptor, itf);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            instruction(Opcodes.INVOKEDYNAMIC, name);
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            instruction(opcode, "jump");
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            instruction(Opcodes.LDC, "ldc");
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            instruction(Opcodes.IINC, "iinc");
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            instruction(Opcodes.TABLESWITCH, "switch");
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            instruction(Opcodes.LOOKUPSWITCH, "switch");
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
            instruction(Opcodes.MULTIANEWARRAY, descriptor);
            super.visitMultiANewArrayInsn(descriptor, dimensions);
        }
    }

    /**
     * Whether a synthetic {@code $SWITCH_TABLE$<enum>()} method is exactly what the compiler writes for a
     * {@code switch} on an enum: read the cached table, else build it from {@code values()} and {@code ordinal()} of
     * that enum's constants (skipping, with a catch of {@code NoSuchFieldError}, a constant gone at run time) and cache
     * it in the synthetic field of the same name. Any other instruction and the method is checked like any other.
     */
    private static final class SwitchTableShape extends MethodVisitor {

        private final String owner;
        private final String name;
        private final ClassInfo info;
        /** The enum, as the method's name spells it: its internal name with '$' for '/'. */
        private final String spelledEnum;
        private boolean matches = true;

        SwitchTableShape(String owner, String name, ClassInfo info) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.name = name;
            this.info = info;
            this.spelledEnum = name.substring(SWITCH_TABLE.length());
        }

        static boolean isTableMember(int access, String name, String descriptor, String expected) {
            int flags = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
            return (access & flags) == flags && name.startsWith(SWITCH_TABLE) && name.length() > SWITCH_TABLE.length()
                    && descriptor.equals(expected);
        }

        private boolean isTheEnum(String type) {
            return type.replace('/', '$').equals(spelledEnum);
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String field, String descriptor) {
            boolean table = fieldOwner.equals(owner) && field.equals(name) && descriptor.equals("[I")
                    && (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC);
            boolean constant = opcode == Opcodes.GETSTATIC && isTheEnum(fieldOwner)
                    && descriptor.equals("L" + fieldOwner + ";");
            matches &= table || constant;
        }

        @Override
        public void visitMethodInsn(int opcode, String callee, String member, String descriptor, boolean itf) {
            boolean values = opcode == Opcodes.INVOKESTATIC && member.equals("values")
                    && descriptor.equals("()[L" + callee + ";");
            boolean ordinal = opcode == Opcodes.INVOKEVIRTUAL && member.equals("ordinal") && descriptor.equals("()I");
            matches &= isTheEnum(callee) && (values || ordinal);
        }

        @Override
        public void visitInsn(int opcode) {
            matches &= opcode == Opcodes.DUP || opcode == Opcodes.POP || opcode == Opcodes.ARETURN
                    || opcode == Opcodes.ARRAYLENGTH || opcode == Opcodes.IASTORE
                    || (opcode >= Opcodes.ICONST_0 && opcode <= Opcodes.ICONST_5);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            matches &= opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH
                    || (opcode == Opcodes.NEWARRAY && operand == Opcodes.T_INT);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            matches &= opcode == Opcodes.ALOAD || opcode == Opcodes.ASTORE;
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            matches &= opcode == Opcodes.IFNULL || opcode == Opcodes.GOTO;
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            matches &= NO_SUCH_FIELD.equals(type);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            matches = false;
        }

        @Override
        public void visitLdcInsn(Object value) {
            matches = false;
        }

        @Override
        public void visitInvokeDynamicInsn(String n, String descriptor, Handle bootstrap, Object... arguments) {
            matches = false;
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            matches = false;
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            matches = false;
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            matches = false;
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
            matches = false;
        }

        @Override
        public void visitEnd() {
            if (matches) {
                info.switchTables.add(name);
            }
        }
    }

    private static String readable(String internalName) {
        return internalName.replace('/', '.');
    }

    /** What one generated class declares and uses: for inherited members and for the rule it belongs to. */
    public static final class ClassInfo {

        final Set<String> methods = new HashSet<>();
        final Set<String> fields = new HashSet<>();
        final Set<String> references = new LinkedHashSet<>();
        /** String constants per method, to find the rule a rule-definition method builds. */
        public final Map<String, Set<String>> constants = new HashMap<>();
        /** Generated classes referenced per method. */
        public final Map<String, Set<String>> referencedTypes = new HashMap<>();
        /** Per method, the methods of this class that call it or make a lambda of it: to find a lambda's function. */
        public final Map<String, Set<String>> callers = new HashMap<>();
        /** The synthetic enum-switch tables of this class that have exactly the shape the compiler gives them. */
        final Set<String> switchTables = new HashSet<>();
        /** The method a local or anonymous class is declared in (a DRL function's local class), else null. */
        public String enclosingMethod;
        String superName;
        final List<String> interfaces = new ArrayList<>();

        public static ClassInfo read(byte[] bytes) {
            ClassInfo info = new ClassInfo();
            Set<String> tableFields = new HashSet<>();
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                private String className;

                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    className = name;
                    info.superName = superName;
                    if (interfaces != null) {
                        info.interfaces.addAll(List.of(interfaces));
                    }
                }

                @Override
                public void visitOuterClass(String owner, String name, String descriptor) {
                    info.enclosingMethod = name;
                }

                @Override
                public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor,
                        String signature, Object value) {
                    info.fields.add(name);
                    if (SwitchTableShape.isTableMember(access, name, descriptor, "[I")) {
                        tableFields.add(name);
                    }
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    info.methods.add(name);
                    Set<String> constants = info.constants.computeIfAbsent(name, n -> new HashSet<>());
                    Set<String> types = info.referencedTypes.computeIfAbsent(name, n -> new HashSet<>());
                    // fields come before methods in a class file: the table's field is known by now
                    MethodVisitor shape = SwitchTableShape.isTableMember(access, name, descriptor, "()[I")
                            && tableFields.contains(name) ? new SwitchTableShape(className, name, info) : null;
                    return new MethodVisitor(Opcodes.ASM9, shape) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean itf) {
                            super.visitMethodInsn(opcode, owner, member, desc, itf);
                            info.references.add(owner + "." + member);
                            types.add(owner);
                            if (owner.equals(className)) {
                                info.callers.computeIfAbsent(member, m -> new HashSet<>()).add(name);
                            }
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                            super.visitFieldInsn(opcode, owner, field, desc);
                            info.references.add(owner + "." + field);
                            types.add(owner);
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            super.visitTypeInsn(opcode, type);
                            info.references.add(type);
                            types.add(type);
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            super.visitLdcInsn(value);
                            if (value instanceof String text) {
                                constants.add(text);
                            }
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String n, String d, Handle bootstrap, Object... args) {
                            super.visitInvokeDynamicInsn(n, d, bootstrap, args);
                            for (Object arg : args) {
                                if (arg instanceof Handle handle) {
                                    types.add(handle.getOwner());
                                    if (handle.getOwner().equals(className)) {
                                        info.callers.computeIfAbsent(handle.getName(), m -> new HashSet<>())
                                                .add(name);
                                    }
                                }
                            }
                        }
                    };
                }
            }, 0);
            return info;
        }
    }
}
