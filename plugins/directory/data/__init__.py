"""The data stage: files in data/ read strictly (yaml_reader, loader), checked against the schemas
(schema, schema_messages, formats, markdown) and across files (checks and the *_checks modules),
and the directory's shape the schemas declare (shape, dataset). Nothing here imports the stages
after it; the validate command and the build call the same validate_data().
"""
