/// The part of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that `own gate` output must meet.
///
/// The official schema cannot be downloaded here, so this is a faithful subset: the required properties
/// and value constraints of sarifLog, run, tool, toolComponent, reportingDescriptor, result, location,
/// physicalLocation, artifactLocation, region, message and suppression, with additional properties allowed
/// as in the original.
enum SARIFSchema {
    static let text = #"""
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["version", "runs"],
          "properties": {
            "$schema": {"type": "string", "format": "uri"},
            "version": {"enum": ["2.1.0"]},
            "runs": {"type": ["array", "null"], "minItems": 0, "uniqueItems": false, "items": {"$ref": "#/definitions/run"}}
          },
          "definitions": {
            "message": {
              "type": "object",
              "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
              "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"}}
            },
            "multiformatMessageString": {
              "type": "object",
              "required": ["text"],
              "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}}
            },
            "run": {
              "type": "object",
              "required": ["tool"],
              "properties": {
                "tool": {"$ref": "#/definitions/tool"},
                "results": {"type": ["array", "null"], "items": {"$ref": "#/definitions/result"}}
              }
            },
            "tool": {
              "type": "object",
              "required": ["driver"],
              "properties": {"driver": {"$ref": "#/definitions/toolComponent"}}
            },
            "toolComponent": {
              "type": "object",
              "required": ["name"],
              "properties": {
                "name": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "rules": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/definitions/reportingDescriptor"}}
              }
            },
            "reportingDescriptor": {
              "type": "object",
              "required": ["id"],
              "properties": {
                "id": {"type": "string"},
                "shortDescription": {"$ref": "#/definitions/multiformatMessageString"},
                "fullDescription": {"$ref": "#/definitions/multiformatMessageString"},
                "help": {"$ref": "#/definitions/multiformatMessageString"}
              }
            },
            "result": {
              "type": "object",
              "required": ["message"],
              "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/definitions/message"},
                "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
                "suppressions": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/definitions/suppression"}}
              }
            },
            "location": {
              "type": "object",
              "properties": {"physicalLocation": {"$ref": "#/definitions/physicalLocation"}}
            },
            "physicalLocation": {
              "type": "object",
              "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
              "properties": {
                "artifactLocation": {"$ref": "#/definitions/artifactLocation"},
                "region": {"$ref": "#/definitions/region"}
              }
            },
            "artifactLocation": {
              "type": "object",
              "properties": {"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"}}
            },
            "region": {
              "type": "object",
              "properties": {
                "startLine": {"type": "integer", "minimum": 1},
                "startColumn": {"type": "integer", "minimum": 1},
                "endLine": {"type": "integer", "minimum": 1},
                "endColumn": {"type": "integer", "minimum": 1}
              }
            },
            "suppression": {
              "type": "object",
              "required": ["kind"],
              "properties": {
                "kind": {"enum": ["inSource", "external"]},
                "status": {"enum": ["accepted", "underReview", "rejected"]},
                "justification": {"type": "string"}
              }
            }
          }
        }
        """#
}
