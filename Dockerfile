# Builds and runs the application jar. Used by docker-compose.yml.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/crm-web/target/crm-web-*.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
